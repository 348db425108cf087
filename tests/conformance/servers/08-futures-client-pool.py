# Conformance: a pool of client threads (concurrent.futures.ThreadPoolExecutor) querying a threaded server: the
# I/O-bound work the thread-pool chapters time against a sequential loop
# expect: same
import concurrent.futures
import socket
import socketserver
import threading
import time


class SlowLookup(socketserver.StreamRequestHandler):
    def handle(self):
        key = self.rfile.readline().strip().decode()
        time.sleep(0.1)  # the "database" takes a while
        self.wfile.write(f"{key}={len(key)}\n".encode())


def lookup(port, key):
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(key.encode() + b"\n")
        return c.makefile().readline().strip()


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SlowLookup)
server.daemon_threads = True
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()
keys = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
start = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
    futures = {pool.submit(lookup, port, k): k for k in keys}
    results = {}
    for f in concurrent.futures.as_completed(futures):
        results[futures[f]] = f.result()
elapsed = time.monotonic() - start
print([results[k] for k in keys])
print("in parallel:", elapsed < 0.1 * len(keys) * 0.75)  # one after the other takes at least 0.8 s
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    print(list(pool.map(lambda k: lookup(port, k), keys[:4])))
server.shutdown()
server.server_close()
