# Conformance: asyncio.run under Ctrl+C (SIGINT, here raised by the program from the loop's callbacks): the first
# cancels the main task, whose clean-up runs (the TaskGroup's workers first); the second, while that clean-up still
# waits, raises KeyboardInterrupt, and asyncio.run cancels what is left before it propagates. The handler asyncio.run
# installed is the one signal.getsignal() reports while it runs, and the default is back afterwards.
# expect: same
import asyncio
import signal


cleaned = []


async def worker(name):
    try:
        while True:
            await asyncio.sleep(0.05)
    finally:
        cleaned.append(name)
        await asyncio.sleep(100)  # a clean-up that hangs until the second SIGINT
        print(f"{name}: never")


def busy_then_sigint():
    # The signal arrives while a callback computes: the handler runs there and only cancels the main task.
    total = sum(range(100_000))
    signal.raise_signal(signal.SIGINT)
    print("callback went on after the first SIGINT:", total > 0)


async def main():
    handler = signal.getsignal(signal.SIGINT)
    print("asyncio.run's handler installed:", handler is not signal.default_int_handler, callable(handler))
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, busy_then_sigint)
    loop.call_later(0.4, signal.raise_signal, signal.SIGINT)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("a"))
            tg.create_task(worker("b"))
    except asyncio.CancelledError:
        print("main: cancelled, workers cleaning up:", sorted(cleaned))
        raise
    finally:
        print("main: cleaning up")


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("KeyboardInterrupt, after every clean-up")
print("default handler back:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
