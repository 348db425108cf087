# Conformance: socketserver's TCPServer with a BaseRequestHandler (after the socketserver documentation's
# MyTCPHandler), served in a thread with serve_forever(); clients send lowercase, get uppercase
# expect: same
import socket
import socketserver
import threading


class MyTCPHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.data = self.request.recv(1024).strip()
        print("{} wrote:".format("a client" if self.client_address[0] == "127.0.0.1" else self.client_address[0]))
        print(self.data)
        self.request.sendall(self.data.upper())


HOST, PORT = "localhost", 0
with socketserver.TCPServer((HOST, PORT), MyTCPHandler) as server:
    port = server.server_address[1]
    t = threading.Thread(target=server.serve_forever)
    t.start()
    for data in ("hello world", "socketserver"):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.connect((HOST, port))
            sock.sendall(bytes(data + "\n", "utf-8"))
            received = str(sock.recv(1024), "utf-8")
        print("Sent:     {}".format(data))
        print("Received: {}".format(received))
    server.shutdown()
    t.join()
