# Conformance: the asyncio streams echo server and client (after "TCP echo server/client using streams" in the
# asyncio documentation and the streams chapter of asyncio textbooks)
# expect: same
import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    message = data.decode()
    addr = writer.get_extra_info("peername")
    print(f"Received {message!r} from a client on port {'>0' if addr[1] > 0 else addr[1]}")
    print(f"Send: {message!r}")
    writer.write(data)
    await writer.drain()
    print("Close the connection")
    writer.close()
    await writer.wait_closed()


async def tcp_echo_client(message, port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"Send: {message!r}")
    writer.write(message.encode())
    await writer.drain()
    data = await reader.read(100)
    print(f"Received: {data.decode()!r}")
    print("Close the connection")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    addrs = ", ".join(str(sock.getsockname()[0]) for sock in server.sockets)
    print(f"Serving on {addrs}")
    port = server.sockets[0].getsockname()[1]
    async with server:
        await tcp_echo_client("Hello World!", port)


asyncio.run(main())
