# Conformance: a UDP echo server in a child process, and 5 MB streamed from a child to the parent (flow control
# across processes: the sender waits while the receiver is behind)
# expect: same
import hashlib
import multiprocessing as mp
import socket


def udp_echo(port_q, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port_q.put(s.getsockname()[1])
    for _ in range(count):
        data, addr = s.recvfrom(1024)
        s.sendto(data[::-1], addr)
    s.close()


def sender(port):
    data = bytes(range(256)) * (5 * 1024 * 4)
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(data)


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=udp_echo, args=(q, 3))
    p.start()
    port = q.get()
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.settimeout(10)
    for word in (b"stressed", b"drawer", b"reward"):
        c.sendto(word, ("127.0.0.1", port))
        print(c.recvfrom(1024)[0])
    p.join()
    c.close()
    server = socket.create_server(("127.0.0.1", 0))
    p = mp.Process(target=sender, args=(server.getsockname()[1],))
    p.start()
    conn, _ = server.accept()
    digest = hashlib.sha256()
    total = 0
    while chunk := conn.recv(65536):
        digest.update(chunk)
        total += len(chunk)
    p.join()
    print(total, digest.hexdigest()[:16] == hashlib.sha256(bytes(range(256)) * (5 * 1024 * 4)).hexdigest()[:16])
    conn.close()
    server.close()
