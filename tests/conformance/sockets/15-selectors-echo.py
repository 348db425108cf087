# Conformance: a selectors.DefaultSelector non-blocking echo server in the main thread, a client thread
# expect: same
import selectors, socket, threading

sel = selectors.DefaultSelector()
print(type(sel).__name__)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen()
server.setblocking(False)
port = server.getsockname()[1]
sel.register(server, selectors.EVENT_READ, data=None)

def client():
    with socket.create_connection(("127.0.0.1", port)) as c:
        for word in ["alpha", "beta", "gamma"]:
            c.sendall(word.encode())
            print("client got", c.recv(1024).decode())

t = threading.Thread(target=client)
t.start()
served = 0
open_conns = 0
done = False
while not done:
    for key, mask in sel.select(timeout=5):
        if key.data is None:
            conn, addr = key.fileobj.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, data="conn")
            open_conns += 1
        else:
            conn = key.fileobj
            data = conn.recv(1024)
            if data:
                conn.sendall(data.upper())
                served += 1
            else:
                sel.unregister(conn)
                conn.close()
                open_conns -= 1
                done = True
t.join()
sel.close()
server.close()
print("served", served)
