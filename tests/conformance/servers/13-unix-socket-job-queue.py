# Conformance: worker threads taking jobs from a dispatcher over a Unix domain socket (after the IPC sections of
# the server chapters: AF_UNIX streams, a line protocol with makefile())
# expect: same
import os
import socket
import tempfile
import threading

path = os.path.join(tempfile.mkdtemp(), "jobs.sock")
jobs = [f"job-{i}" for i in range(9)]
lock = threading.Lock()
done = []


def dispatcher(server):
    handled = 0
    while handled < 3:
        conn, _ = server.accept()
        handled += 1
        threading.Thread(target=serve_worker, args=(conn,)).start()


def serve_worker(conn):
    with conn, conn.makefile("rw") as f:
        for line in f:
            if line.strip() == "next":
                with lock:
                    job = jobs.pop(0) if jobs else "none"
                f.write(job + "\n")
                f.flush()
            else:
                with lock:
                    done.append(line.strip())


def worker(name):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(path)
        with s.makefile("rw") as f:
            while True:
                f.write("next\n")
                f.flush()
                job = f.readline().strip()
                if job == "none":
                    break
                f.write(f"{job} by {name}\n")
                f.flush()


with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
    server.bind(path)
    server.listen()
    d = threading.Thread(target=dispatcher, args=(server,))
    d.start()
    workers = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    d.join()
os.unlink(path)
print(sorted(x.split(" by ")[0] for x in done))
print(len(done), "jobs done")
