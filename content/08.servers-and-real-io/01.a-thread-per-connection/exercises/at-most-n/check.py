import socket
import threading
import time

from checking import load

learner = load()


def trial(people, max_at_once):
    """Serve `people` (name, think) through learner.serve; return each one's wait for the reply and serve's end."""
    waits, done = {}, {}
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]

        def client(name, think):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                time.sleep(think)
                sent = time.perf_counter()
                sock.sendall(name.encode())
                reply = sock.recv(1024)
                waits[name] = time.perf_counter() - sent
                assert reply == name.upper().encode(), f"{name} sent {name!r} and got {reply!r} back, not {name.upper()!r}"
            done[name] = time.perf_counter()

        clients = []
        for name, think in people:
            clients.append(threading.Thread(target=client, args=(name, think), daemon=True))
            clients[-1].start()
            time.sleep(0.05)               # they connect in this order
        result = []
        serving = threading.Thread(target=lambda: result.append(learner.serve(server, len(people), max_at_once)), daemon=True)
        serving.start()
        serving.join(5)
        assert not serving.is_alive(), f"serve(server, {len(people)}, max_at_once={max_at_once}) did not return within 5 s"
        returned = time.perf_counter()
        for c in clients:
            c.join(2)
    for name, _ in people:
        assert name in done, f"{name} never got a reply from serve(server, {len(people)}, max_at_once={max_at_once})"
    return waits, done, returned


# 1. Room for two: a quick client must not wait for a slow one.
waits, _, _ = trial([("slow", 0.4), ("quick", 0.0)], max_at_once=2)
assert waits["quick"] < 0.25, (
    f"with max_at_once=2, 'quick' waited {waits['quick']:.2f} s for its reply while 'slow' was still thinking: "
    "there was room for both, so each connection should be handled as soon as it is accepted (in a thread of its own)"
)

# 2. Room for two, three clients: the third waits until one of the first two has gone.
waits, _, _ = trial([("slow", 0.4), ("sloth", 0.4), ("quick", 0.0)], max_at_once=2)
assert waits["quick"] >= 0.2, (
    f"with max_at_once=2 and two slow clients connected first, 'quick' got its reply after {waits['quick']:.2f} s: "
    "it was handled while both others were, three at once; it should wait until one of them has finished"
)

# 3. serve returns only when every connection has been handled.
_, done, returned = trial([("slow", 0.4), ("quick", 0.0)], max_at_once=2)
assert returned >= done["slow"] - 0.01, (
    "serve returned before the slow client had its reply: wait for every handler to finish before returning"
)
