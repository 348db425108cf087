# Conformance: threading.local gives each thread its own attributes; a subclass's __init__ runs once per thread.
# expect: same
import threading

data = threading.local()
data.value = "main"
results = {}


class Counter(threading.local):
    inits = 0

    def __init__(self, start):
        Counter.inits += 1
        self.count = start


counter = Counter(10)


def work(name):
    results[name] = hasattr(data, "value")
    data.value = name
    for _ in range(5):
        counter.count += 1
    results[name] = (results[name], data.value, counter.count)


threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print("main keeps its own:", data.value, counter.count, "inits:", Counter.inits)
