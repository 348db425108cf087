import asyncio


async def handle(reader, writer):          # called in a new task for each connection
    line = await reader.readline()
    print("server got", line)
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        print("client connected")
        writer.write(b"hello\n")
        await writer.drain()
        print("client sent")
        print("client got", await reader.readline())
        print("and then", await reader.read())
        writer.close()
        await writer.wait_closed()


asyncio.run(main())
