from concurrent.futures import ThreadPoolExecutor


def count_evens(numbers):
    evens = 0  # private to this call: no other thread ever sees it
    for n in numbers:
        if n % 2 == 0:
            evens += 1
    return evens  # handed back through the pool


chunks = [range(0, 10), range(10, 20), range(20, 31), range(31, 40)]
with ThreadPoolExecutor(max_workers=4) as pool:
    counts = list(pool.map(count_evens, chunks))
print(counts)
print("total:", sum(counts))
