import multiprocessing as mp
import os

settings = {}


#| solution
def remember(greeting):
    """The pool's initializer: runs once in each worker process as it starts."""
    settings["greeting"] = greeting


#| end
def greet(name):
    """Runs in a worker process: returns the greeting and the pid of the process that made it."""
    return f"{settings['greeting']}, {name}!", os.getpid()


def greet_all(names, greeting):
    """Greet every name in a pool of two worker processes; return the list of (text, pid) pairs."""
    #| starter
    # settings["greeting"] = greeting  # set in the parent: only a forked child would see it
    # with mp.Pool(2) as pool:
    #| solution
    with mp.Pool(2, initializer=remember, initargs=(greeting,)) as pool:
    #| end
        return pool.map(greet, names)


if __name__ == "__main__":
    for text, pid in greet_all(["Ada", "Grace", "Linus"], "Hello"):
        print(text, "from pid", pid)
