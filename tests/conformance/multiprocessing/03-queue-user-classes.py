# Conformance: Queue carries pickled objects of user-defined classes both ways, and module-level functions
# expect: same
import multiprocessing as mp
from dataclasses import dataclass


@dataclass
class Job:
    name: str
    size: int


class Result:
    def __init__(self, job, value):
        self.job = job
        self.value = value

    def __repr__(self):
        return f"Result({self.job.name}, {self.value})"


def double(x):
    return 2 * x


def worker(jobs, results):
    while True:
        job = jobs.get()
        if job is None:
            break
        fn = job.size
        results.put(Result(job, double(job.size)))


if __name__ == "__main__":
    jobs, results = mp.Queue(), mp.Queue()
    p = mp.Process(target=worker, args=(jobs, results))
    p.start()
    for i in range(5):
        jobs.put(Job(f"job{i}", i * 10))
    jobs.put(None)
    out = [results.get() for _ in range(5)]
    p.join()
    print(out)
    print("functions travel too:", mp.Queue is not None, double.__module__ == "__main__")
    q = mp.Queue()
    q.put(double)
    print("a function through a queue:", q.get()(21))
    print("empty:", q.empty())
