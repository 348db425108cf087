import asyncio


async def count_primes(limit):
    """Return how many primes there are below `limit`.

    This runs as a task beside others on one event loop. Right now it never
    awaits, so nothing else runs until it is done. Make it give the loop a
    turn every so often, without changing the answer.
    """
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return count


async def main():
    print(await count_primes(20_000))


if __name__ == "__main__":
    asyncio.run(main())
