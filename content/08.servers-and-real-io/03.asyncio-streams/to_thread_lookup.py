import asyncio
import time


def look_up(question):
    if question.startswith("report"):
        time.sleep(0.5)                    # a slow query, with a database library that has no async API
    return question.upper()


async def handle(reader, writer):
    while data := await reader.read(1024):
        answer = await asyncio.to_thread(look_up, data.decode())   # the wait happens in a worker thread
        writer.write(answer.encode())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, name, question):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(question.encode())
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
            tg.create_task(client(port, "ann", "report for march"))
            await asyncio.sleep(0.1)
            tg.create_task(client(port, "bob", "time?"))


asyncio.run(main())
