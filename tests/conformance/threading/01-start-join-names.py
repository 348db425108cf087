# Conformance: Thread start/join, default names "Thread-N (target)", current_thread, main_thread, enumerate.
# expect: same
import threading

seen = []
together = threading.Barrier(4)  # all alive at once: CPython reuses the idents of finished threads


def work(tag):
    together.wait()
    me = threading.current_thread()
    seen.append((tag, me.name, me is not threading.main_thread(), me.ident == threading.get_ident()))


threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
named = threading.Thread(target=work, args=("named",), name="custom")
print("before start:", [t.is_alive() for t in threads], [t.ident for t in threads])
for t in threads + [named]:
    t.start()
for t in threads + [named]:
    t.join()
for entry in sorted(seen, key=str):
    print(entry)
print("after join:", [t.is_alive() for t in threads])
print("main:", threading.current_thread().name, threading.current_thread() is threading.main_thread())
print("active:", threading.active_count(), [t.name for t in threading.enumerate()])
print("idents distinct:", len({t.ident for t in threads + [named]}) == 4)
print(repr(threads[0]).split(",")[0], "stopped" in repr(threads[0]))
