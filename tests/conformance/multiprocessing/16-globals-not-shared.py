# Conformance: processes do not share globals: the child changes its own copy, the parent's stays
# expect: same
import multiprocessing as mp

counter = 0
items = []


def change():
    global counter
    counter += 100
    items.append("child")
    print("child sees:", counter, items, flush=True)


if __name__ == "__main__":
    counter = 5
    items.append("parent")
    p = mp.Process(target=change)
    p.start()
    p.join()
    print("parent sees:", counter, items)
