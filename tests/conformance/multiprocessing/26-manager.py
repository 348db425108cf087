# Conformance: Manager() with dict, list, Namespace, Value and Lock proxies shared with children; the manager's
# server process shuts down with the with-block
# expect: same
import multiprocessing as mp


def worker(d, l, ns, lock, i):
    with lock:
        d[i] = i * i
        l.append(i)
        ns.total += i


if __name__ == "__main__":
    with mp.Manager() as m:
        d, l, ns, lock = m.dict(), m.list(), m.Namespace(), m.Lock()
        ns.total = 0
        ps = [mp.Process(target=worker, args=(d, l, ns, lock, i)) for i in range(4)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(sorted(d.items()), sorted(l), ns.total)
        v = m.Value("i", 3)
        v.value += 1
        print("value:", v.value, type(d).__name__)
        q = m.Queue()
        q.put("through the manager")
        print(q.get())
    print("manager closed")
