# Conformance: multiprocessing.shared_memory: a block and a ShareableList created by the parent, written by a child
# that attaches to them by name; close() and unlink()
# expect: same
import multiprocessing as mp
from multiprocessing import shared_memory


def worker(block_name, list_name):
    shm = shared_memory.SharedMemory(name=block_name)
    shm.buf[:5] = b"HELLO"
    shm.buf[5] = 33
    shm.close()
    sl = shared_memory.ShareableList(name=list_name)
    sl[0] = sl[0] * 10
    sl[1] = "changed"
    sl[2] = None
    sl.shm.close()


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(create=True, size=16)
    print(shm.size, len(shm.buf), bytes(shm.buf[:6]))
    sl = shared_memory.ShareableList([7, "text", 3.5, True])
    p = mp.Process(target=worker, args=(shm.name, sl.shm.name))
    p.start()
    p.join()
    print(bytes(shm.buf[:6]))
    print(list(sl), sl.format)
    copy = shared_memory.SharedMemory(name=shm.name)
    print("same block:", bytes(copy.buf[:5]), copy.size >= 16)
    copy.close()
    shm.close()
    shm.unlink()
    sl.shm.close()
    sl.shm.unlink()
    try:
        shared_memory.SharedMemory(name=shm.name)
    except FileNotFoundError as e:
        print("after unlink:", type(e).__name__, e.errno)
