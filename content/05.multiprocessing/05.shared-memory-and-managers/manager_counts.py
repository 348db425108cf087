from multiprocessing import Manager, Process


def tally(counts, lock, words):
    for word in words:
        with lock:  # counts[word] += 1 is a read and a write: two messages to the manager
            counts[word] = counts.get(word, 0) + 1


if __name__ == "__main__":
    text = "the cat and the dog and the bird".split()
    with Manager() as manager:
        counts = manager.dict()  # a proxy: the real dict lives in the manager's server process
        lock = manager.Lock()
        workers = [Process(target=tally, args=(counts, lock, text)) for _ in range(3)]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        print(type(counts).__name__, "->", dict(sorted(counts.items())))
