# Conformance: socket.makefile in text and binary modes: encodings, newlines, buffering, readinto, iteration
# expect: same
import socket
import threading

a, b = socket.socketpair()


def peer():
    with b.makefile("r", encoding="utf-8", newline="") as fin, b.makefile("w", encoding="utf-8") as fout:
        for line in fin:
            fout.write(f"{len(line)} chars: {line!r}\n")
            fout.flush()
            if line.startswith("end"):
                break


t = threading.Thread(target=peer)
t.start()
w = a.makefile("wb", buffering=0)
r = a.makefile("rb")
for text in ("héllo\n", "crlf\r\n", "end\n"):
    w.write(text.encode())
    print(r.readline().decode().strip())
t.join()
b.close()
print(r.read())
buf = bytearray(3)
print(r.readinto(buf))
print(w.mode, r.mode, w.name == a.fileno(), r.readable(), w.writable())
r.close()
w.close()
a.close()
