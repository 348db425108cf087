import asyncio


async def handle(reader, writer):
    loop = asyncio.get_running_loop()
    print("a selector event loop:", isinstance(loop, asyncio.SelectorEventLoop))
    # loop._selector is private: look, do not touch. Each key is a registered socket, and its data holds
    # the callbacks (asyncio Handles) the loop runs when that socket is ready to read and to write.
    callbacks = [key.data[0]._callback.__qualname__ for key in loop._selector.get_map().values()]
    print(len(callbacks), "sockets registered; when one is readable, the loop runs:")
    for name in sorted(callbacks):
        print(name)
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await reader.read()                # until the server hangs up
        writer.close()
        await writer.wait_closed()


asyncio.run(main())
