# Conformance: multiprocessing.connection's Listener and Client over sockets: AF_INET with an address, AF_UNIX by
# default; a large message crosses processes; the listener's address and last_accepted
# expect: same
import multiprocessing as mp
from multiprocessing.connection import Client, Listener, wait


def unix_server(address_q):
    with Listener(authkey=b"k") as listener:
        address_q.put((listener.address, type(listener.address).__name__))
        with listener.accept() as conn:
            data = conn.recv()
            conn.send(sum(data))
            conn.send_bytes(b"x" * 3_000_000)


def inet_client(address):
    with Client(address) as c:
        c.send(("hello from", mp.current_process().name))
        print("child got:", c.recv())


if __name__ == "__main__":
    with Listener(("127.0.0.1", 0)) as listener:
        host, port = listener.address
        print(host, port > 0)
        p = mp.Process(target=inet_client, args=(listener.address,), name="client-1")
        p.start()
        with listener.accept() as conn:
            print("accepted from the loopback:", listener.last_accepted[0])
            print(conn.recv())
            conn.send("welcome")
        p.join()
    q = mp.Queue()
    s = mp.Process(target=unix_server, args=(q,))
    s.start()
    address, kind = q.get()
    print("default family address is a", kind)
    with Client(address, authkey=b"k") as c:
        c.send(list(range(1000)))
        print(c.poll(5), c.recv())
        print(wait([c], 5) == [c], len(c.recv_bytes()))
    s.join()
    print(p.exitcode, s.exitcode)
