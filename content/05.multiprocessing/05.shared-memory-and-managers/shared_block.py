import struct
from multiprocessing import Process, shared_memory

SLOT = struct.Struct("q")  # one 8-byte integer per worker


def count_multiples(name, worker, start, stop, k):
    block = shared_memory.SharedMemory(name=name)  # attach to the existing block by its name
    found = sum(1 for n in range(start, stop) if n % k == 0)
    SLOT.pack_into(block.buf, worker * SLOT.size, found)  # each worker writes only its own slot
    block.close()  # this process is done with it (the block itself lives on)


if __name__ == "__main__":
    workers, n, k = 4, 1_000_000, 7
    block = shared_memory.SharedMemory(create=True, size=workers * SLOT.size)
    try:
        step = n // workers
        procs = [Process(target=count_multiples, args=(block.name, w, w * step, (w + 1) * step, k))
                 for w in range(workers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        counts = [SLOT.unpack_from(block.buf, w * SLOT.size)[0] for w in range(workers)]
        print("per worker:", counts)
        print("multiples of 7 below 1,000,000:", sum(counts))
    finally:
        block.close()
        block.unlink()  # the creator removes the block once everyone is done
