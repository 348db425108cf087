import multiprocessing as mp
import pickle
import threading
import time


def nothing():
    pass


def receive(conn):
    while (data := conn.recv()) is not None:  # None: the parent has nothing more to send
        conn.send(len(data))


def best_of(runs, start_one):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        worker = start_one()
        worker.join()
        best = min(best, time.perf_counter() - start)
    return best


def started(worker):
    worker.start()
    return worker


if __name__ == "__main__":
    thread_time = best_of(3, lambda: started(threading.Thread(target=nothing)))
    process_time = best_of(3, lambda: started(mp.Process(target=nothing)))
    print(f"start and join a thread:  {thread_time * 1000:.2f} ms")
    print(f"start and join a process: {process_time * 1000:.1f} ms")

    data = list(range(1_000_000))
    start = time.perf_counter()
    sum(data)
    print(f"summing a list of a million ints: {(time.perf_counter() - start) * 1000:.0f} ms")
    start = time.perf_counter()
    size = len(pickle.dumps(data))
    print(f"pickling a list of a million ints: {size / 1e6:.1f} MB in {(time.perf_counter() - start) * 1000:.0f} ms")

    parent_end, child_end = mp.Pipe()
    child = mp.Process(target=receive, args=(child_end,))
    child.start()
    parent_end.send([])  # a first small message: the child is up before the clock runs
    parent_end.recv()
    start = time.perf_counter()
    parent_end.send(data)  # pickled here, sent, unpickled in the child
    assert parent_end.recv() == len(data)
    print(f"sending it to a process and back an answer: {(time.perf_counter() - start) * 1000:.0f} ms")
    parent_end.send(None)
    child.join()
