import selectors
import socket

left, right = socket.socketpair()
left.setblocking(False)
sel = selectors.DefaultSelector()
sel.register(left, selectors.EVENT_WRITE)

data = b"x" * 10_000_000                   # 10 MB, more than the connection holds
sent = left.send(data)                     # non-blocking: takes what fits, says how much
print("send took all 10 MB:", sent == len(data))
try:
    left.send(data[sent:])
except BlockingIOError:
    print("next send: BlockingIOError (the connection is full)")
print("writable now:", bool(sel.select(timeout=0)))

received = 0
while received < sent:                     # the other end reads everything sent so far
    received += len(right.recv(1_000_000))
print("writable after the reader caught up:", bool(sel.select(timeout=0)))
sel.close()
left.close()
right.close()
