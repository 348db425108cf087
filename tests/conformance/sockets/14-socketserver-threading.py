# Conformance: socketserver.ThreadingTCPServer serving four client threads at once (StreamRequestHandler)
# expect: same
import socketserver, threading, socket

class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline()
        self.wfile.write(b"echo: " + line.upper())

with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as server:
    host, port = server.server_address
    t = threading.Thread(target=server.serve_forever)
    t.start()
    results = {}
    def client(i):
        with socket.create_connection((host, port)) as c:
            c.sendall(f"client {i}\n".encode())
            f = c.makefile("rb")
            results[i] = f.readline().decode().strip()
            f.close()
    clients = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for c in clients: c.start()
    for c in clients: c.join()
    for i in sorted(results): print(results[i])
    server.shutdown()
    t.join()
print("done")
