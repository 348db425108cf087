# Conformance: multiprocessing.sharedctypes' own Value, Array, RawValue, RawArray, copy and synchronized (not only
# the package-level ones) are shared with a child process; their types and reprs are CPython's.
# expect: same
import ctypes
import multiprocessing as mp
import re
from multiprocessing import sharedctypes


def work(counter, numbers, raw, text, flag):
    with counter.get_lock():
        counter.value += 10
    numbers[0] = 99
    numbers[1:3] = [7, 8]
    raw.value = 2.5
    text.value = b"child"
    flag.value = True


def show(obj):
    return re.sub(r"0x[0-9a-f]+", "0x…", repr(obj))


if __name__ == "__main__":
    counter = sharedctypes.Value("i", 1)
    numbers = sharedctypes.Array("i", [1, 2, 3, 4])  # (ctypes.c_int is c_long in the browser: both 32 bits)
    raw = sharedctypes.RawValue(ctypes.c_double, 0.5)
    text = sharedctypes.Array("c", b"parent")
    flag = sharedctypes.Value(ctypes.c_bool, False, lock=False)
    for obj in (counter, numbers, raw, text, flag, numbers.get_obj()):
        print(type(obj).__module__, type(obj).__name__, show(obj))
    p = mp.Process(target=work, args=(counter, numbers, raw, text, flag))
    p.start()
    p.join()
    print("exit code:", p.exitcode)
    print(counter.value, numbers[:], list(numbers), raw.value, text.value, text.raw, flag.value)
    copied = sharedctypes.copy(numbers.get_obj())
    numbers[0] = 0
    print("copy kept:", copied[:], type(copied).__name__)
    wrapped = sharedctypes.synchronized(sharedctypes.RawArray("d", 2))
    print(type(wrapped).__name__, wrapped[:], show(wrapped.get_lock())[:8])
    try:
        sharedctypes.synchronized(wrapped)
    except AssertionError as e:
        print("AssertionError:", e)
