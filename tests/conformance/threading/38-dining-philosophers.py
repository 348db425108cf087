# Conformance: dining philosophers who take forks in a global order never deadlock; everyone eats.
# expect: same
import threading
import time

forks = [threading.Lock() for _ in range(5)]
meals = [0] * 5


def philosopher(i):
    first, second = sorted((i, (i + 1) % 5))
    for _ in range(10):
        with forks[first]:
            time.sleep(0)
            with forks[second]:
                meals[i] += 1
        time.sleep(0.001)


threads = [threading.Thread(target=philosopher, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("meals:", meals)
