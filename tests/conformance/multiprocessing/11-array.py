# Conformance: a shared Array written by children, read by the parent; RawArray; a 'c' array's value
# expect: same
import multiprocessing as mp
from ctypes import c_double


def fill(arr, lo, hi):
    for i in range(lo, hi):
        arr[i] = i * i


def shout(buf):
    buf.value = buf.value.upper()


if __name__ == "__main__":
    arr = mp.Array("i", 10)
    ps = [mp.Process(target=fill, args=(arr, 0, 5)), mp.Process(target=fill, args=(arr, 5, 10))]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(arr[:], len(arr), arr[-1])
    d = mp.Array(c_double, [0.5, 1.5, 2.5])
    p = mp.Process(target=fill, args=(d, 0, 2))
    p.start()
    p.join()
    print(list(d))
    buf = mp.Array("c", b"hello world")
    p = mp.Process(target=shout, args=(buf,))
    p.start()
    p.join()
    print(buf.value)
    raw = mp.RawArray("i", [1, 2, 3])
    p = mp.Process(target=fill, args=(raw, 1, 3))
    p.start()
    p.join()
    print(raw[:])
