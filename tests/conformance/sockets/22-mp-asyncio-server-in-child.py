# Conformance: an asyncio server in a child process; the parent's asyncio clients connect to it (non-blocking
# connects and streams over a connection the page carries between two processes)
# expect: same
import asyncio
import multiprocessing as mp


async def serve(ports):
    async def handle(reader, writer):
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    ports.put(server.sockets[0].getsockname()[1])
    async with server:
        await asyncio.sleep(1.5)


def child(ports):
    asyncio.run(serve(ports))


async def talk(port, words):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = []
    for w in words:
        writer.write(w.encode() + b"\n")
        await writer.drain()
        got.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return got


async def main(port):
    print(await asyncio.gather(talk(port, ["a", "b"]), talk(port, ["c"]), talk(port, ["d", "e", "f"])))


if __name__ == "__main__":
    ports = mp.Queue()
    p = mp.Process(target=child, args=(ports,))
    p.start()
    asyncio.run(main(ports.get()))
    p.join()
    print("server process exit code", p.exitcode)
