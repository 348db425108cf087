import asyncio
import threading
import time


async def handle(reader, writer):          # one task per connection
    while data := await reader.read(1024):
        print(f"{threading.current_thread().name} serves {data.decode()!r}")
        writer.write(data.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, name, think):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await asyncio.sleep(think)
    writer.write(f"{name} says hi".encode())
    await writer.drain()
    reply = (await reader.read(1024)).decode()
    print(f"{name}: {reply!r} after {time.perf_counter() - start:.1f} s")
    writer.close()
    await writer.wait_closed()


async def main():
    global start
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        start = time.perf_counter()
        async with asyncio.TaskGroup() as tg:
            tg.create_task(client(port, "ann", 0.5))
            await asyncio.sleep(0.1)
            tg.create_task(client(port, "bob", 0.0))


asyncio.run(main())
