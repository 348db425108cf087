import selectors
import socket


def serve(server, connections):
    """Serve `connections` clients of the listening socket `server`, all from this one thread.

    Clients send lines, each ending in b"\\n". Answer every line with the line reversed, followed by
    b"\\n": b"hello\\n" is answered b"olleh\\n". Return when every client has hung up.
    """
    sel = selectors.DefaultSelector()
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ)
    accepted = still_open = 0
    while accepted < connections or still_open:
        for key, events in sel.select():
            if key.fileobj is server:
                conn, _ = server.accept()
                conn.setblocking(False)
                #| starter
                # sel.register(conn, selectors.EVENT_READ)
                #| solution
                sel.register(conn, selectors.EVENT_READ, bytearray())   # this connection's unfinished bytes
                #| end
                accepted += 1
                still_open += 1
            else:
                #| starter
                # conn = key.fileobj
                #| solution
                conn, pending = key.fileobj, key.data
                #| end
                data = conn.recv(1024)
                if data:
                    #| starter
                    # # Wrong: this takes whatever one recv() returned for one whole line.
                    # conn.send(data.rstrip(b"\n")[::-1] + b"\n")
                    #| solution
                    pending += data                  # a recv() may hold part of a line, or several lines
                    while b"\n" in pending:
                        end = pending.index(b"\n")
                        line = bytes(pending[:end])
                        del pending[: end + 1]
                        conn.send(line[::-1] + b"\n")
                    #| end
                else:
                    sel.unregister(conn)
                    conn.close()
                    still_open -= 1
    sel.unregister(server)
    sel.close()


if __name__ == "__main__":
    import threading
    import time

    def client(port):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            for piece in (b"hel", b"lo\nwor", b"ld\n"):   # two lines, sent in three pieces
                sock.sendall(piece)
                time.sleep(0.05)
            sock.shutdown(socket.SHUT_WR)                  # "I have nothing more to send"
            answer = b""
            while data := sock.recv(1024):
                answer += data
            print(answer)

    with socket.create_server(("127.0.0.1", 0)) as server:
        t = threading.Thread(target=client, args=(server.getsockname()[1],))
        t.start()
        serve(server, 1)
        t.join()
