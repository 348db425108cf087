# Conformance: shared_memory's errors, several processes adding into one block under a lock, and the resource
# tracker's warning about a block nobody unlinked
# expect: same
import multiprocessing as mp
import struct
from multiprocessing import shared_memory


def add(name, lock, n):
    shm = shared_memory.SharedMemory(name=name)
    for _ in range(n):
        with lock:
            (value,) = struct.unpack_from("q", shm.buf, 0)
            struct.pack_into("q", shm.buf, 0, value + 1)
    shm.close()


if __name__ == "__main__":
    for kwargs in ({"create": True, "size": 0}, {"size": 10}, {"create": True, "size": -1}):
        try:
            shared_memory.SharedMemory(**kwargs)
        except ValueError as e:
            print("ValueError:", e)
    try:
        shared_memory.SharedMemory(name="nobody_made_this")
    except FileNotFoundError as e:
        print(type(e).__name__, e)
    shm = shared_memory.SharedMemory(name="counter_block", create=True, size=8)
    try:
        shared_memory.SharedMemory(name="counter_block", create=True, size=8)
    except FileExistsError as e:
        print(type(e).__name__, e)
    print(shm.name, repr(shm))
    lock = mp.Lock()
    workers = [mp.Process(target=add, args=(shm.name, lock, 200)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("counter:", struct.unpack_from("q", shm.buf, 0)[0])
    shm.close()
    shm.unlink()
    leaked = shared_memory.SharedMemory(create=True, size=100)
    leaked.buf[0] = 1
    leaked.close()
    print("left without unlink()")
