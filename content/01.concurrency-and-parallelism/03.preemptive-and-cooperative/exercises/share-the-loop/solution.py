import asyncio


async def count_primes(limit):
    #| starter
    # """Return how many primes there are below `limit`.

    # This runs as a task beside others on one event loop. Right now it never
    # awaits, so nothing else runs until it is done. Make it give the loop a
    # turn every so often, without changing the answer.
    # """
    #| solution
    """Return how many primes there are below `limit`, giving the event loop
    a turn every 500 numbers so other tasks keep running."""
    #| end
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
        #| solution
        if n % 500 == 0:
            await asyncio.sleep(0)
        #| end
    return count


async def main():
    print(await count_primes(20_000))


if __name__ == "__main__":
    asyncio.run(main())
