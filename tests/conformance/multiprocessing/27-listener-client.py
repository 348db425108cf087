# Conformance: multiprocessing.connection Listener and Client with an authkey; a wrong key is refused
# expect: same
import multiprocessing as mp
from multiprocessing.connection import Client, Listener


def serve(address_q, key):
    with Listener(authkey=key) as listener:
        address_q.put(listener.address)
        for _ in range(2):
            try:
                with listener.accept() as conn:
                    msg = conn.recv()
                    conn.send(("echo", msg))
            except mp.AuthenticationError as e:
                address_q.put(("server refused a client:", type(e).__name__))


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=serve, args=(q, b"secret"))
    p.start()
    address = q.get()
    with Client(address, authkey=b"secret") as c:
        c.send({"hello": [1, 2, 3]})
        print(c.recv())
    try:
        Client(address, authkey=b"wrong")
    except mp.AuthenticationError as e:
        print("client refused:", type(e).__name__)
    print(*q.get())
    p.join()
    print("server exit code", p.exitcode)
