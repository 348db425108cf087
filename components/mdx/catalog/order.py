def task(name):
    print(f"{name} starts")
    return name.upper()


results = [task(n) for n in ("a", "b")]
print(results)
