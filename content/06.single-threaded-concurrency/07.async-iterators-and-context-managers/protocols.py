import asyncio


class Countdown:
    """An asynchronous iterator written by hand: __aiter__ returns it, __anext__ is a coroutine."""

    def __init__(self, start):
        self.n = start

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration  # the end of an async for
        await asyncio.sleep(0.01)
        self.n -= 1
        return self.n + 1


class Session:
    """An asynchronous context manager: async with awaits __aenter__ and __aexit__."""

    async def __aenter__(self):
        await asyncio.sleep(0.01)  # say, logging in
        print("logged in")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.01)  # say, logging out
        print("logged out after", exc_type.__name__ if exc_type else "no error")
        return False  # do not swallow the exception


async def main():
    async for n in Countdown(3):
        print(n)
    try:
        async with Session():
            raise KeyError("missing")
    except KeyError:
        print("the KeyError went on")


asyncio.run(main())
