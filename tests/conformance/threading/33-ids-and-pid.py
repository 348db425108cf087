# Conformance: os.getpid() is the same in every thread; get_ident/get_native_id differ between threads.
# expect: same
import os
import threading

info = []
together = threading.Barrier(3)  # all alive at once: CPython reuses the idents of finished threads


def record():
    together.wait()
    info.append((os.getpid(), threading.get_ident(), threading.get_native_id()))


threads = [threading.Thread(target=record) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
pids = {p for p, _, _ in info}
print("same pid everywhere:", pids == {os.getpid()})
print("distinct idents:", len({i for _, i, _ in info} | {threading.get_ident()}) == 4)
print("distinct native ids:", len({n for _, _, n in info} | {threading.get_native_id()}) == 4)
print("ident matches Thread.ident:", sorted(t.ident for t in threads) == sorted(i for _, i, _ in info))
print("native_id matches:", sorted(t.native_id for t in threads) == sorted(n for _, _, n in info))
print("main ident:", threading.main_thread().ident == threading.get_ident())
