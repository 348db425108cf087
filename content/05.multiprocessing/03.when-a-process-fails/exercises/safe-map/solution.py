import os
from multiprocessing import Pool


def parse(text):
    return int(text)


def pid_of(item):
    return os.getpid()


def safe_map(func, items, processes):
    """Call func(item) for every item in a pool of `processes` processes.

    Returns a list with one entry per item, in order: ("ok", the result) or ("error", "ValueError: the message").
    """
    with Pool(processes) as pool:
        #| starter
        # # TODO: one bad item makes map() raise and loses every other result: get each result on its own
        # return [("ok", result) for result in pool.map(func, items)]
        #| solution
        pending = [pool.apply_async(func, (item,)) for item in items]
        results = []
        for p in pending:
            try:
                results.append(("ok", p.get()))
            except Exception as err:
                results.append(("error", f"{type(err).__name__}: {err}"))
        return results
        #| end
