from multiprocessing import Process
#| solution
from multiprocessing.shared_memory import ShareableList
#| end


def square_into(results, i, n):
    """Runs in a child process: store n * n at position i of results."""
    results[i] = n * n


def squares_in_parallel(numbers):
    """Square each number in its own child process; return the squares as a list, in order."""
    #| starter
    # results = [0] * len(numbers)
    # workers = [Process(target=square_into, args=(results, i, n)) for i, n in enumerate(numbers)]
    # for p in workers:
    #     p.start()
    # for p in workers:
    #     p.join()
    # return list(results)
    #| solution
    results = ShareableList([0] * len(numbers))  # one shared block; a child attaches to it by name
    try:
        workers = [Process(target=square_into, args=(results, i, n)) for i, n in enumerate(numbers)]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        return list(results)
    finally:
        results.shm.close()
        results.shm.unlink()
    #| end


if __name__ == "__main__":
    print(squares_in_parallel([1, 2, 3, 4]))
