# Conformance: an asyncio chat server that relays each message to every other client (after the chat-server
# examples of asyncio textbooks: a set of writers, a broadcast on each line)
# expect: same
import asyncio

writers = {}


async def handle(reader, writer):
    name = (await reader.readline()).decode().strip()
    writers[name] = writer
    try:
        while line := await reader.readline():
            for other, w in writers.items():
                if other != name:
                    w.write(f"{name}: {line.decode()}".encode())
                    await w.drain()
    finally:
        del writers[name]
        writer.close()


async def chatter(port, name, lines, expected, joined, ready):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    await writer.drain()
    joined.set()
    await ready.wait()
    for line in lines:
        writer.write(f"{line}\n".encode())
        await writer.drain()
        await asyncio.sleep(0.01)
    heard = []
    while len(heard) < expected:
        heard.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return name, sorted(heard)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    people = {"ada": ["hi all", "bye"], "bob": ["hello"], "cy": ["hey", "see you", "ok"]}
    total = sum(len(v) for v in people.values())
    joined = [asyncio.Event() for _ in people]
    ready = asyncio.Event()
    tasks = [
        asyncio.create_task(chatter(port, name, lines, total - len(lines), j, ready))
        for (name, lines), j in zip(people.items(), joined)
    ]
    for j in joined:
        await j.wait()
    while len(writers) < len(people):
        await asyncio.sleep(0.01)
    ready.set()
    for name, heard in await asyncio.gather(*tasks):
        print(name, "heard", heard)
    server.close()
    await server.wait_closed()


asyncio.run(main())
