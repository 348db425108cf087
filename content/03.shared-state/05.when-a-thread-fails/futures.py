from concurrent.futures import ThreadPoolExecutor


def add_up(text):
    return sum(int(x) for x in text.split(","))


with ThreadPoolExecutor(max_workers=2) as pool:
    monday = pool.submit(add_up, "3,4,5")
    tuesday = pool.submit(add_up, "6,seven,8")

print("monday:", monday.result())
print("tuesday's exception:", repr(tuesday.exception()))
try:
    tuesday.result()
except ValueError as exc:
    print("result() raises it again:", exc)
