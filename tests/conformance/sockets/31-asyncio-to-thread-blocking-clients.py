# Conformance: an asyncio server whose clients are blocking sockets run in threads (asyncio.to_thread and
# run_in_executor), and call_soon_threadsafe from a thread that talks to the server
# expect: same
import asyncio
import socket
import threading


def blocking_client(port, word):
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(word.encode() + b"\n")
        return c.makefile().readline().strip()


async def handle(reader, writer):
    line = await reader.readline()
    writer.write(line[::-1].strip() + b"\n")
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(
        asyncio.to_thread(blocking_client, port, "threads"),
        loop.run_in_executor(None, blocking_client, port, "executor"),
        asyncio.to_thread(blocking_client, port, "sockets"),
    )
    print(results)
    done = asyncio.Event()

    def from_thread():
        reply = blocking_client(port, "callback")
        loop.call_soon_threadsafe(print, "from a thread:", reply)
        loop.call_soon_threadsafe(done.set)

    threading.Thread(target=from_thread).start()
    await done.wait()
    server.close()
    await server.wait_closed()


asyncio.run(main())
