import asyncio

MB = 1_000_000
reading = asyncio.Event()
finished = asyncio.Event()


async def slow_reader(reader, writer):     # the server reads nothing until told to
    await reading.wait()
    total = 0
    while data := await reader.read(MB):
        total += len(data)
    print(f"server read {total // MB} MB")
    writer.close()
    await writer.wait_closed()
    finished.set()


async def main():
    server = await asyncio.start_server(slow_reader, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"x" * (40 * MB))     # returns at once: what the socket does not take is buffered
        waiting = writer.transport.get_write_buffer_size()
        print("write() returned; more than 64 KiB waits in the writer's buffer:", waiting > 64 * 1024)
        try:
            await asyncio.wait_for(writer.drain(), timeout=0.2)
        except TimeoutError:
            print("drain() still waiting after 0.2 s: nobody reads")
        reading.set()
        await writer.drain()               # returns once the buffer is down to the low-water mark
        print("drain() returned; at most 16 KiB still buffered:", writer.transport.get_write_buffer_size() <= 16 * 1024)
        writer.close()                     # sends the rest, then hangs up
        await writer.wait_closed()
        await finished.wait()


asyncio.run(main())
