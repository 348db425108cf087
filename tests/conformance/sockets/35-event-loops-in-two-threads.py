# Conformance: two asyncio event loops in two threads, a server in one and a client in the other; a timeout with
# asyncio.timeout()
# expect: same
import asyncio
import threading

ready = threading.Event()
port = []


async def server_main(stop):
    async def handle(reader, writer):
        while data := await reader.read(100):
            writer.write(data * 2)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port.append(server.sockets[0].getsockname()[1])
    ready.set()
    while not stop.is_set():
        await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()


async def client_main():
    reader, writer = await asyncio.open_connection("127.0.0.1", port[0])
    for word in (b"ab", b"xyz"):
        writer.write(word)
        await writer.drain()
        print(await reader.readexactly(len(word) * 2))
    try:
        async with asyncio.timeout(0.1):
            await reader.read(100)
    except TimeoutError:
        print("nothing more within 0.1 s")
    writer.close()
    await writer.wait_closed()


stop = threading.Event()
t = threading.Thread(target=lambda: asyncio.run(server_main(stop)))
t.start()
ready.wait()
asyncio.run(client_main())
stop.set()
t.join()
print("both loops closed")
