import multiprocessing as mp

DONE = None  # the sentinel: "no more work"


def producer(jobs, words):
    for word in words:
        jobs.put(word)
    jobs.put(DONE)


def consumer(jobs, conn):
    letters = 0
    count = 0
    while True:
        word = jobs.get()  # waits until the producer has put something
        if word is DONE:
            break
        letters += len(word)
        count += 1
    conn.send((count, letters))  # one message back to the parent through the pipe
    conn.close()


if __name__ == "__main__":
    jobs = mp.Queue()
    parent_end, child_end = mp.Pipe()
    words = "the quick brown fox jumps over the lazy dog".split()

    processes = [
        mp.Process(target=producer, args=(jobs, words)),
        mp.Process(target=consumer, args=(jobs, child_end)),
    ]
    for p in processes:
        p.start()
    count, letters = parent_end.recv()  # waits for the consumer's message
    for p in processes:
        p.join()
    print(f"the consumer read {count} words, {letters} letters in all")
    print("exit codes:", [p.exitcode for p in processes])
