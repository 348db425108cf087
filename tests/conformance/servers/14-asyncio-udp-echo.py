# Conformance: UDP echo with asyncio datagram endpoints (after "UDP Echo Server/Client" in the asyncio
# documentation's transports-and-protocols chapter)
# expect: same
import asyncio


class EchoServerProtocol(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        message = data.decode()
        print("Received %r" % message)
        print("Send %r back" % message)
        self.transport.sendto(data, addr)


class EchoClientProtocol(asyncio.DatagramProtocol):
    def __init__(self, message, on_con_lost):
        self.message = message
        self.on_con_lost = on_con_lost
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        print("Send:", self.message)
        self.transport.sendto(self.message.encode())

    def datagram_received(self, data, addr):
        print("Received:", data.decode())
        print("Close the socket")
        self.transport.close()

    def error_received(self, exc):
        print("Error received:", exc)

    def connection_lost(self, exc):
        print("Connection closed")
        self.on_con_lost.set_result(True)


async def main():
    loop = asyncio.get_running_loop()
    server, _ = await loop.create_datagram_endpoint(EchoServerProtocol, local_addr=("127.0.0.1", 0))
    port = server.get_extra_info("sockname")[1]
    on_con_lost = loop.create_future()
    transport, protocol = await loop.create_datagram_endpoint(
        lambda: EchoClientProtocol("Hello World!", on_con_lost), remote_addr=("127.0.0.1", port)
    )
    try:
        await on_con_lost
    finally:
        transport.close()
        server.close()


asyncio.run(main())
