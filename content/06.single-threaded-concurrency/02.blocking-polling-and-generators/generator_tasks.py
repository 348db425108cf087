from collections import deque


def countdown(name, n):
    """A generator: each yield pauses it and hands control back to whoever called next()."""
    while n > 0:
        print(f"{name}: {n}")
        yield  # "I could wait here: let someone else run"
        n -= 1
    return f"{name} finished"


class Pause:
    """The smallest awaitable: awaiting it yields once, straight up to the loop."""

    def __await__(self):
        yield


async def countup(name, n):
    """A coroutine: the same idea, written with async def and await."""
    for i in range(1, n + 1):
        print(f"{name}: {i}")
        await Pause()
    return f"{name} finished"


ready = deque([countdown("gen", 3), countup("coro", 3)])
while ready:  # a round-robin loop: run each task up to its next pause
    task = ready.popleft()
    try:
        task.send(None)  # for a generator, send(None) is the same as next()
    except StopIteration as stop:
        print(stop.value)
    else:
        ready.append(task)  # it paused: back of the queue
