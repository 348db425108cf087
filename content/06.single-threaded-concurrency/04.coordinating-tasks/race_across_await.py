import asyncio

balance = 0


async def deposit(amount):
    global balance
    current = balance  # read
    await asyncio.sleep(0)  # any await here lets the other tasks run: think "ask the bank's server"
    balance = current + amount  # write what we read plus our amount


async def main():
    await asyncio.gather(*(deposit(10) for _ in range(5)))
    print("balance:", balance)


asyncio.run(main())
