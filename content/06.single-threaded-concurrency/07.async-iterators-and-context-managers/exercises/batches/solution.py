import asyncio


async def batches(source, size):
    """Yield lists of `size` items taken from the async iterable `source` (the last one may be shorter), each one
    as soon as it is full."""
    #| starter
    # items = [item async for item in source]
    # return [items[i : i + size] for i in range(0, len(items), size)]
    #| solution
    batch = []
    async for item in source:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
    #| end


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0.01)
        yield i


async def main():
    async for batch in batches(numbers(7), 3):
        print(batch)


if __name__ == "__main__":
    asyncio.run(main())
