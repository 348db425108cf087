# Conformance: flow control and timeouts with asyncio streams: a slow reader makes drain() wait, wait_for() gives
# up on a server that never answers, readexactly() reports a short read
# expect: same
import asyncio


async def slow_reader(reader, writer):
    total = 0
    while chunk := await reader.read(65536):
        total += len(chunk)
        await asyncio.sleep(0.001)
    writer.write(b"%d\n" % total)
    await writer.drain()
    writer.close()


async def silent(reader, writer):
    await reader.read()  # says nothing; ends when the client hangs up
    writer.close()


async def short(reader, writer):
    writer.write(b"abc")
    await writer.drain()
    writer.close()


async def main():
    big = await asyncio.start_server(slow_reader, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*big.sockets[0].getsockname()[:2])
    waited = 0
    for _ in range(40):
        writer.write(b"x" * 100_000)
        before = asyncio.get_running_loop().time()
        await writer.drain()
        waited += asyncio.get_running_loop().time() - before > 0
    writer.write_eof()
    print("the server counted", int(await reader.readline()), "bytes; drain() waited:", waited > 0)
    writer.close()

    quiet = await asyncio.start_server(silent, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*quiet.sockets[0].getsockname()[:2])
    try:
        await asyncio.wait_for(reader.readline(), timeout=0.2)
    except TimeoutError:
        print("no answer within 0.2 s")
    writer.close()

    shorter = await asyncio.start_server(short, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*shorter.sockets[0].getsockname()[:2])
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected)
    writer.close()
    for s in (big, quiet, shorter):
        s.close()
        await s.wait_closed()


asyncio.run(main())
