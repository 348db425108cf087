# Conformance: IPv6 on ::1, and a dual-stack server (create_server with dualstack_ipv6) that IPv4 clients reach
# expect: same
import socket
import threading

s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s6.bind(("::1", 0))
s6.listen()
host, port, flow, scope = s6.getsockname()
print(host, flow, scope)


def serve(server, n):
    for _ in range(n):
        conn, addr = server.accept()
        with conn:
            conn.sendall(f"{addr[0]} via {conn.getsockname()[0]}".encode())


t = threading.Thread(target=serve, args=(s6, 1))
t.start()
with socket.create_connection(("::1", port)) as c:
    print(c.family.name, c.recv(100))
t.join()
s6.close()
dual = socket.create_server(("", 0), family=socket.AF_INET6, dualstack_ipv6=True)
port = dual.getsockname()[1]
t = threading.Thread(target=serve, args=(dual, 2))
t.start()
with socket.create_connection(("127.0.0.1", port)) as c:
    print("IPv4 client:", c.recv(100))
with socket.create_connection(("::1", port)) as c:
    print("IPv6 client:", c.recv(100))
t.join()
dual.close()
v4 = socket.socket()
v4.bind(("127.0.0.1", 0))
try:
    socket.socket(socket.AF_INET6).bind(("::", v4.getsockname()[1]))
except OSError as e:
    print("a dual-stack bind takes the IPv4 port too:", e)
v4.close()
