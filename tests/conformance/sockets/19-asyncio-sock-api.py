# Conformance: the low-level loop.sock_* API on non-blocking sockets (accept, recv, sendall, connect)
# expect: same
import asyncio
import socket


async def serve(loop, server):
    conn, _ = await loop.sock_accept(server)
    with conn:
        while data := await loop.sock_recv(conn, 1024):
            await loop.sock_sendall(conn, data.upper())


async def main():
    loop = asyncio.get_running_loop()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    task = asyncio.create_task(serve(loop, server))
    client = socket.socket()
    client.setblocking(False)
    await loop.sock_connect(client, server.getsockname())
    for word in (b"alpha", b"beta"):
        await loop.sock_sendall(client, word)
        print(await loop.sock_recv(client, 1024))
    buf = bytearray(4)
    await loop.sock_sendall(client, b"into")
    n = await loop.sock_recv_into(client, buf)
    print(n, bytes(buf))
    client.close()
    await task
    server.close()
    try:
        await asyncio.wait_for(loop.sock_recv(socket.socket(), 1), 1)
    except ValueError as e:
        print("ValueError", e)
    except OSError as e:
        print(type(e).__name__, e)


asyncio.run(main())
