# Conformance: socketserver's UDPServer (after the socketserver documentation's MyUDPHandler): datagrams in,
# datagrams out, one request per datagram
# expect: same
import socket
import socketserver
import threading


class MyUDPHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request[0].strip()
        sock = self.request[1]
        print("a client wrote:", data)
        sock.sendto(data.upper(), self.client_address)


with socketserver.UDPServer(("127.0.0.1", 0), MyUDPHandler) as server:
    addr = server.server_address
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    t.start()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for data in ("ping", "datagrams keep their boundaries"):
        sock.sendto(bytes(data + "\n", "utf-8"), addr)
        received = str(sock.recv(1024), "utf-8")
        print("Sent:    ", data)
        print("Received:", received)
    sock.close()
    server.shutdown()
    t.join()
