import asyncio
import inspect

from checking import expect_equal, load

learner = load()

assert inspect.isasyncgenfunction(learner.batches), (
    "batches should be an asynchronous generator: an `async def` that uses `yield`, so that `async for` can take "
    "the batches one by one (now it is a coroutine function that returns a whole list at the end)"
)

produced = []


async def source(n):
    for i in range(n):
        await asyncio.sleep(0)
        produced.append(i)
        yield i


async def collect(n, size):
    produced.clear()
    seen = []
    async for batch in learner.batches(source(n), size):
        seen.append((list(batch), len(produced)))
    return seen


seen = asyncio.run(collect(7, 3))
expect_equal([b for b, _ in seen], [[0, 1, 2], [3, 4, 5], [6]], "the batches of 7 numbers in threes")
expect_equal(seen[0][1], 3, "items taken from the source when the first batch arrived (it should come as soon as it is full)")
expect_equal([b for b, _ in asyncio.run(collect(6, 2))], [[0, 1], [2, 3], [4, 5]], "the batches of 6 numbers in twos")
expect_equal(asyncio.run(collect(0, 3)), [], "the batches of an empty source")
