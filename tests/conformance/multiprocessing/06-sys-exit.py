# Conformance: sys.exit(n) in a child becomes its exit code; sys.exit("text") prints the text and gives 1
# expect: same
import multiprocessing as mp
import sys


def leave(code):
    sys.exit(code)


if __name__ == "__main__":
    for code in [0, 3, 255, None, "goodbye"]:
        p = mp.Process(target=leave, args=(code,))
        p.start()
        p.join()
        print(repr(code), "->", p.exitcode, flush=True)
