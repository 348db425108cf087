import asyncio

balance = 0
lock = asyncio.Lock()


async def deposit(amount):
    global balance
    async with lock:  # only one task at a time between read and write; the others wait at this line
        current = balance
        await asyncio.sleep(0)
        balance = current + amount


async def main():
    await asyncio.gather(*(deposit(10) for _ in range(5)))
    print("balance:", balance)


asyncio.run(main())
