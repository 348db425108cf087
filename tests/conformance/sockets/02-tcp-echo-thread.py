# Conformance: a TCP echo server in a thread, a client in the main thread: addresses, accept, sendall, EOF
# expect: same
import socket
import threading

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(5)
host, port = server.getsockname()
print(host, isinstance(port, int) and 32768 <= port <= 60999)
client_addr = []
connected = threading.Event()
server_log = []


def serve():
    conn, addr = server.accept()
    connected.wait()
    server_log.append(f"server: peer is the client: {addr == client_addr[0]}")
    server_log.append(f"server: local address: {conn.getsockname() == (host, port)}")
    with conn:
        while True:
            data = conn.recv(4)
            if not data:
                break
            conn.sendall(data)
    server_log.append("server: client closed")


t = threading.Thread(target=serve)
t.start()
client = socket.create_connection((host, port))
client_addr.append(client.getsockname())
connected.set()
print("client: peer:", client.getpeername() == (host, port))
client.sendall(b"hello, loopback")
got = b""
while len(got) < 15:
    got += client.recv(1024)
print(got)
client.close()
t.join()
print(*server_log, sep="\n")
server.close()
