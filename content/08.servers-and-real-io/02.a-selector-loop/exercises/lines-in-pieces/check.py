import socket
import threading
import time

from checking import expect_equal, load

learner = load()


def trial(scripts):
    """Each client sends its pieces at the given times, then hangs up its sending side and reads every answer."""
    answers = {}
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]

        def client(name, pieces):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                begin = time.perf_counter()
                for at, piece in pieces:
                    time.sleep(max(0.0, at - (time.perf_counter() - begin)))
                    sock.sendall(piece)
                sock.shutdown(socket.SHUT_WR)
                answer = b""
                while data := sock.recv(1024):
                    answer += data
                answers[name] = answer

        clients = [threading.Thread(target=client, args=item, daemon=True) for item in scripts.items()]
        for c in clients:
            c.start()
        started = []
        real_start = threading.Thread.start

        def spy(thread):
            started.append(thread.name)
            real_start(thread)

        threading.Thread.start = spy
        try:
            serving = threading.Thread(target=learner.serve, args=(server, len(scripts)), daemon=True)
            real_start(serving)
            serving.join(5)
        finally:
            threading.Thread.start = real_start
        assert not serving.is_alive(), f"serve(server, {len(scripts)}) did not return within 5 s of its clients hanging up"
        assert not started, (
            f"serve started threads ({', '.join(started)}): serve every connection from the one thread that calls serve, "
            "with the selector"
        )
        for c in clients:
            c.join(2)
    return answers


answers = trial({"ann": [(0.0, b"hel"), (0.05, b"lo\nwor"), (0.1, b"ld\n")]})
expect_equal(
    answers.get("ann"),
    b"olleh\ndlrow\n",
    "the answers to one client who sent b'hello\\nworld\\n' in three pieces: b'hel', b'lo\\nwor', b'ld\\n'",
)

answers = trial({
    "ann": [(0.0, b"abc"), (0.1, b"d\nxyz\n")],
    "bob": [(0.05, b"12"), (0.15, b"3\n")],
})
expect_equal(answers.get("ann"), b"dcba\nzyx\n", "the answers to ann, who sent b'abc' and later b'd\\nxyz\\n' (bob sent in between)")
expect_equal(answers.get("bob"), b"321\n", "the answers to bob, who sent b'12' and later b'3\\n' (ann sent in between)")
