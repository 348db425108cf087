# Conformance: loop.add_signal_handler / remove_signal_handler as on Linux: a SIGINT handler is called on the loop
# (with its arguments) instead of KeyboardInterrupt, a removed one is gone, and bad arguments fail the same way.
# (Stop pressed while such a handler is set calls it: asyncio.test.ts.)
# expect: same
import asyncio
import signal


async def main():
    loop = asyncio.get_running_loop()
    got = asyncio.Event()

    def on_signal(name, number):
        print("handler called:", name, number == signal.SIGINT, "in the loop:", asyncio.get_running_loop() is loop)
        got.set()

    loop.add_signal_handler(signal.SIGINT, on_signal, "SIGINT", signal.SIGINT)
    print("handler added")
    signal.raise_signal(signal.SIGINT)
    print("after raise_signal: not called yet:", not got.is_set())
    await got.wait()
    print("removed:", loop.remove_signal_handler(signal.SIGINT), "again:", loop.remove_signal_handler(signal.SIGINT))
    print("SIGINT handler is the default again:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)

    async def coro():
        pass

    for args in ((signal.SIGINT, coro), (signal.SIGINT, coro()), ("SIGINT", print), (0, print), (signal.NSIG + 5, print)):
        try:
            loop.add_signal_handler(*args)
            print("accepted", args)
        except (TypeError, ValueError, RuntimeError) as e:
            print(type(e).__name__, str(e).replace(str(signal.NSIG + 5), "NSIG+5"))
        finally:
            if asyncio.iscoroutine(args[1]):
                args[1].close()
    for bad in ("SIGINT", 0):
        try:
            loop.remove_signal_handler(bad)
        except (TypeError, ValueError) as e:
            print("remove:", type(e).__name__, e)

    def from_thread():
        try:
            loop.add_signal_handler(signal.SIGTERM, print)
        except RuntimeError as e:
            return f"RuntimeError: {e}"

    print("from a thread:", await asyncio.to_thread(from_thread))
    loop.add_signal_handler(signal.SIGTERM, print, "SIGTERM handler left for close()")


asyncio.run(main())
print("after asyncio.run: SIGTERM is the default again:", signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)
