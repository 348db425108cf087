# Conformance: asyncio.start_server on 127.0.0.1 port 0 and three concurrent open_connection clients
# expect: same
import asyncio

async def handle(reader, writer):
    data = await reader.readline()
    addr = writer.get_extra_info("peername")
    writer.write(b"hello " + data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()

async def client(port, name):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(name.encode() + b"\n")
    await writer.drain()
    line = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return line.decode().strip()

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(server.sockets[0].getsockname()[0], server.is_serving())
    async with server:
        results = await asyncio.gather(*(client(port, n) for n in ["ada", "bob", "cy"]))
    print(results)

asyncio.run(main())
