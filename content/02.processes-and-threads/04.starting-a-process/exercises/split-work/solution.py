import multiprocessing as mp
import os


def split_work(n_items, n_workers):
    """Split the item numbers 0 .. n_items-1 into n_workers ranges of nearly equal size, in order.

    Returns a list of (start, stop) pairs, one per worker: worker k handles range(start, stop).
    """
    #| starter
    # # TODO: every item exactly once; sizes differ by at most one; the bigger chunks first.
    # return [(0, n_items)]
    #| solution
    size, extra = divmod(n_items, n_workers)
    chunks = []
    start = 0
    for k in range(n_workers):
        stop = start + size + (1 if k < extra else 0)
        chunks.append((start, stop))
        start = stop
    return chunks
    #| end


def partial_sum(start, stop, results):
    """Runs in a child process: sum the squares of range(start, stop), and send (pid, sum) to the parent."""
    results.put((os.getpid(), sum(i * i for i in range(start, stop))))


def sum_of_squares(n, n_workers):
    """The sum of i * i for i in range(n), computed by n_workers child processes, one chunk each.

    Returns (total, pids): the sum, and the set of pids of the processes that computed it.
    """
    #| starter
    # # TODO: start one mp.Process per chunk of split_work(n, n_workers), running partial_sum with a shared
    # # mp.Queue; collect one (pid, sum) per process from the queue; join the processes.
    # return sum(i * i for i in range(n)), {os.getpid()}
    #| solution
    results = mp.Queue()
    workers = [mp.Process(target=partial_sum, args=(start, stop, results)) for start, stop in split_work(n, n_workers)]
    for w in workers:
        w.start()  # all of them first, so that they compute at the same time
    answers = [results.get() for _ in workers]  # one message per process, in whatever order they finish
    for w in workers:
        w.join()
    return sum(s for _, s in answers), {pid for pid, _ in answers}
    #| end


if __name__ == "__main__":
    print(split_work(10, 3))
    print(sum_of_squares(1000, 3))
