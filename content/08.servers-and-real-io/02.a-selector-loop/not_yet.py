import socket

left, right = socket.socketpair()      # two connected sockets, like the two ends of a connection
right.setblocking(False)               # calls on `right` never wait

try:
    right.recv(1024)
except BlockingIOError as e:
    print("recv, nothing sent yet:", type(e).__name__, e)

left.sendall(b"hello")
print("recv, after a send:", right.recv(1024))

try:
    right.recv(1024)
except BlockingIOError:
    print("recv, all read:", "BlockingIOError again")

left.close()
print("recv, after the other end closed:", right.recv(1024))
right.close()
