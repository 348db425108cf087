import threading


def crunch():
    total = 0
    for i in range(1_000_000):
        total += i % 7
    return total


threads = [threading.Thread(target=crunch, name=name) for name in ("cruncher-1", "cruncher-2")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
