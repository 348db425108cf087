import threading


class Cell:
    """One word of memory. Reading and writing are separate steps, and another
    thread may run between them: the situation of CPython without a GIL."""

    def __init__(self, value):
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value


class Resource:
    """A reference-counted object, like every object in CPython. It starts with
    one reference; when the count drops to 0, on_free(name) is called, once."""

    def __init__(self, name, on_free):
        self.name = name
        self.on_free = on_free
        self.refs = Cell(1)
        #| solution
        self._lock = threading.Lock()  # guards self.refs: each update is one step
        #| end

    def incref(self):
        #| starter
        # self.refs.set(self.refs.get() + 1)
        #| solution
        with self._lock:
            self.refs.set(self.refs.get() + 1)
        #| end

    def decref(self):
        #| starter
        # left = self.refs.get() - 1
        # self.refs.set(left)
        # if left == 0:
        #| solution
        with self._lock:
            left = self.refs.get() - 1
            self.refs.set(left)
        if left == 0:  # only the thread that brought the count to 0 sees 0 here
        #| end
            self.on_free(self.name)


if __name__ == "__main__":
    r = Resource("buffer", on_free=lambda name: print(name, "freed"))

    def borrow():
        for _ in range(1_000):
            r.incref()
            r.decref()

    threads = [threading.Thread(target=borrow) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("references left:", r.refs.get(), "(expected 1)")
