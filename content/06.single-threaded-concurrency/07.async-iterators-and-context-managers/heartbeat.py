import asyncio
import time


async def heartbeat():
    for _ in range(6):
        print("tick")
        await asyncio.sleep(0.1)


async def sensor_values(n):
    for i in range(n):
        time.sleep(0.2)  # wait for the sensor's next value
        yield i


async def main():
    beat = asyncio.create_task(heartbeat())
    async for value in sensor_values(3):
        print("value", value)
    await beat


asyncio.run(main())
