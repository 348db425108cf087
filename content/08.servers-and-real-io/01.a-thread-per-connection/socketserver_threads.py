import socket
import socketserver
import threading


class Shout(socketserver.StreamRequestHandler):
    def handle(self):                      # runs in a thread of its own, one per connection
        for line in self.rfile:            # a line at a time, until the client hangs up
            reply = f"{line.decode().strip().upper()} (from {threading.current_thread().name})\n"
            self.wfile.write(reply.encode())


def client(port, words, replies):
    with socket.create_connection(("127.0.0.1", port)) as sock, sock.makefile("rw") as f:
        for word in words:
            f.write(word + "\n")
            f.flush()
            replies.append(f.readline().strip())


with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Shout) as server:
    port = server.server_address[1]
    serving = threading.Thread(target=server.serve_forever, name="acceptor")
    serving.start()
    replies = []
    clients = [threading.Thread(target=client, args=(port, words, replies)) for words in (["hi", "bye"], ["hey"])]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    server.shutdown()                      # serve_forever returns
    serving.join()
# leaving the with block called server_close(): it joined the handler threads (block_on_close)
for reply in sorted(replies):
    print(reply)
print("threads left:", threading.active_count())
