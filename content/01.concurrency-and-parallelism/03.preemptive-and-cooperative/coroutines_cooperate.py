import asyncio
import time

late = []


async def heartbeat():
    """Wants to run every 0.1 s."""
    for _ in range(5):
        due = time.perf_counter() + 0.1
        await asyncio.sleep(0.1)
        late.append(time.perf_counter() - due)


async def crunch(polite):
    total = 0
    for n in range(3_000_000):
        total += n * n
        if polite and n % 10_000 == 0:
            await asyncio.sleep(0)  # a chance for the event loop to run someone else
    return total


async def main(polite):
    late.clear()
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)  # let the heartbeat start
    await crunch(polite)
    await beat
    word = "awaits now and then" if polite else "never awaits"
    print(f"crunch {word}: the heartbeat was at most {max(late) * 1000:.0f} ms late")


asyncio.run(main(polite=False))
asyncio.run(main(polite=True))
