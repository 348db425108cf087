# Conformance: an echo server on asyncio's low-level socket API (after the event-loop chapters that rebuild a
# selector server with loop.sock_accept / sock_recv / sock_sendall, one task per connection)
# expect: same
import asyncio
import socket


async def echo(connection, loop):
    try:
        while data := await loop.sock_recv(connection, 1024):
            await loop.sock_sendall(connection, data)
    finally:
        connection.close()


async def listen_for_connection(server_socket, loop, tasks, count):
    for _ in range(count):
        connection, address = await loop.sock_accept(server_socket)
        connection.setblocking(False)
        tasks.append(asyncio.create_task(echo(connection, loop)))


async def client(port, text):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(text)
    await writer.drain()
    data = await reader.readexactly(len(text))
    writer.close()
    await writer.wait_closed()
    return data


async def main():
    server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server_socket.bind(("127.0.0.1", 0))
    server_socket.setblocking(False)
    server_socket.listen()
    port = server_socket.getsockname()[1]
    loop = asyncio.get_running_loop()
    tasks = []
    acceptor = asyncio.create_task(listen_for_connection(server_socket, loop, tasks, 4))
    replies = await asyncio.gather(*(client(port, b"message %d" % i) for i in range(4)))
    await acceptor
    await asyncio.gather(*tasks)
    server_socket.close()
    print(replies)


asyncio.run(main())
