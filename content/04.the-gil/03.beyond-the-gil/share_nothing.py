from collections import Counter
from concurrent.futures import ThreadPoolExecutor

chapters = [
    "the lock keeps the count right and the count keeps the lock busy",
    "a queue hands the work over and the work never waits for the lock",
    "the event says stop and every thread stops",
    "the pool runs the work and the work returns a count",
]


def count_words(text):
    counts = Counter()  # private to this call: no other thread ever sees it
    for word in text.split():
        counts[word] += 1
    return counts  # handed back through the pool, not through a shared variable


with ThreadPoolExecutor(max_workers=4) as pool:
    partial = list(pool.map(count_words, chapters))

total = sum(partial, Counter())  # merged by one thread, after the others are done
print(total.most_common(4))
print("words:", total.total())
