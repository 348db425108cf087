# Conformance: asyncio.Lock makes a read-modify-write across an await safe; waiters get it in FIFO order.
# expect: same
import asyncio

counter = 0


async def unsafe_add():
    global counter
    value = counter
    await asyncio.sleep(0)
    counter = value + 1


async def safe_add(lock, name, order):
    global counter
    async with lock:
        order.append(name)
        value = counter
        await asyncio.sleep(0)
        counter = value + 1


async def main():
    global counter
    await asyncio.gather(*(unsafe_add() for _ in range(10)))
    print("without a lock:", counter)
    counter = 0
    lock = asyncio.Lock()
    order = []
    await asyncio.gather(*(safe_add(lock, i, order) for i in range(10)))
    print("with a lock:", counter, order)
    print("locked after:", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
