# Conformance: select.select() over sockets: readiness, timeouts, and its errors
# expect: same
import select
import socket
import threading
import time

a, b = socket.socketpair()
print(select.select([a], [], [], 0))
print(select.select([a], [b], [], 0) == ([], [b], []))
b.send(b"x")
print(select.select([a, b], [], [], 0) == ([a], [], []))
a.recv(1)
start = time.monotonic()
print(select.select([a], [], [], 0.2), round(time.monotonic() - start, 1))


def later():
    time.sleep(0.1)
    b.send(b"wake up")


t = threading.Thread(target=later)
t.start()
r, w, x = select.select([a.fileno()], [], [], 5)
print("woken by the other thread:", r == [a.fileno()], a.recv(100))
t.join()
b.close()
r, _, _ = select.select([a], [], [], 1)
print("EOF is readable:", r == [a], a.recv(10))
a.close()
for args in (([a], [], [], 0), ([-1], [], [], 0), ([], [], [], -1), ([object()], [], [], 0), (1, [], [], 0)):
    try:
        select.select(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
