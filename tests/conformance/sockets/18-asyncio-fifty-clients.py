# Conformance: an asyncio server with 50 concurrent clients, each sending several lines
# expect: same
import asyncio

served = 0


async def handle(reader, writer):
    global served
    total = 0
    while line := await reader.readline():
        total += int(line)
        writer.write(b"%d\n" % total)
        await writer.drain()
    served += 1
    writer.close()
    await writer.wait_closed()


async def client(port, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    last = None
    for i in range(1, 6):
        writer.write(b"%d\n" % (n * i))
        await writer.drain()
        last = int(await reader.readline())
    writer.close()
    await writer.wait_closed()
    return last


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        results = await asyncio.gather(*(client(port, n) for n in range(50)))
        while served < 50:
            await asyncio.sleep(0.01)
    print(len(results), results[:5], sum(results))


asyncio.run(main())
