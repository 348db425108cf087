# Conformance: set_start_method("spawn") outside the `if __name__ == "__main__":` guard works in the parent, but a
# spawned child runs the program again after its start method was set for it (multiprocessing/spawn.py prepare()),
# so there the call fails with "context has already been set", as in python3 under spawn (macOS, Windows, or any
# program that asks for spawn): the child ends with exit code 1 and its traceback.
# expect: same
import multiprocessing as mp

mp.set_start_method("spawn")


def child():
    print("child ran")


if __name__ == "__main__":
    print("parent's start method:", mp.get_start_method())
    p = mp.Process(target=child)
    p.start()
    p.join()
    print("child's exit code:", p.exitcode)
