def worker(name, steps):
    for step in range(steps):
        print(f"{name} does step {step}")
        yield  # give the other worker a turn


tasks = [worker("A", 1), worker("B", 3)]
while tasks:
    task = tasks.pop(0)
    try:
        next(task)
        tasks.append(task)
    except StopIteration:
        pass
print("all done")
