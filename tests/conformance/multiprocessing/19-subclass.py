# Conformance: a Process subclass with its own __init__ and run(); its attributes are pickled to the child
# expect: same
import multiprocessing as mp


class Counter(mp.Process):
    def __init__(self, upto, out):
        super().__init__(name=f"Counter-{upto}")
        self.upto = upto
        self.out = out

    def run(self):
        self.out.put((self.name, sum(range(self.upto))))


if __name__ == "__main__":
    out = mp.Queue()
    ps = [Counter(n, out) for n in (10, 100)]
    for p in ps:
        p.start()
    got = sorted(out.get() for _ in ps)
    for p in ps:
        p.join()
    print(got, [p.exitcode for p in ps])
