# Conformance: call_soon runs in FIFO order after the current callback; call_later / call_at order by time;
# cancelled handles never run; loop.time() is monotonic.
# expect: same
import asyncio


def log(msg, out):
    out.append(msg)


async def main():
    loop = asyncio.get_running_loop()
    out = []
    loop.call_soon(log, "soon 1", out)
    loop.call_soon(log, "soon 2", out)
    loop.call_later(0.03, log, "later 0.03", out)
    loop.call_later(0.01, log, "later 0.01", out)
    loop.call_at(loop.time() + 0.02, log, "at +0.02", out)
    h = loop.call_later(0.015, log, "cancelled", out)
    h.cancel()
    print("cancelled handle:", h.cancelled())
    out.append("main before await")
    await asyncio.sleep(0)
    out.append("main after sleep(0)")
    await asyncio.sleep(0.05)
    print(out)
    t1 = loop.time()
    await asyncio.sleep(0.01)
    print("time moved forward:", loop.time() > t1)

    fut = loop.create_future()
    loop.call_later(0.01, fut.set_result, "timer result")
    print(await fut)


asyncio.run(main())
