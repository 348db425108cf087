import multiprocessing as mp

print(f"the module's top level runs, with __name__ = {__name__!r}")


def greet():
    print("hello from the child's target")


if __name__ == "__main__":
    p = mp.Process(target=greet)
    p.start()
    p.join()
    print("the parent joined its child")
