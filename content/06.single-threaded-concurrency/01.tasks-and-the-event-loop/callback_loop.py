from collections import deque

ready = deque()  # the event loop's queue of callbacks, first in, first out


def call_soon(callback, *args):
    ready.append((callback, args))


def countdown(name, n):
    print(f"{name}: {n}")
    if n > 1:
        call_soon(countdown, name, n - 1)  # instead of looping, ask to be called again later


call_soon(countdown, "A", 3)
call_soon(countdown, "B", 2)

while ready:  # the event loop itself
    callback, args = ready.popleft()
    callback(*args)
print("nothing left to run")
