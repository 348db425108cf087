import multiprocessing as mp
import os


def split_work(n_items, n_workers):
    """Split the item numbers 0 .. n_items-1 into n_workers ranges of nearly equal size, in order.

    Returns a list of (start, stop) pairs, one per worker: worker k handles range(start, stop).
    """
    # TODO: every item exactly once; sizes differ by at most one; the bigger chunks first.
    return [(0, n_items)]


def partial_sum(start, stop, results):
    """Runs in a child process: sum the squares of range(start, stop), and send (pid, sum) to the parent."""
    results.put((os.getpid(), sum(i * i for i in range(start, stop))))


def sum_of_squares(n, n_workers):
    """The sum of i * i for i in range(n), computed by n_workers child processes, one chunk each.

    Returns (total, pids): the sum, and the set of pids of the processes that computed it.
    """
    # TODO: start one mp.Process per chunk of split_work(n, n_workers), running partial_sum with a shared
    # mp.Queue; collect one (pid, sum) per process from the queue; join the processes.
    return sum(i * i for i in range(n)), {os.getpid()}


if __name__ == "__main__":
    print(split_work(10, 3))
    print(sum_of_squares(1000, 3))
