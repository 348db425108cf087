# Conformance: current_process, parent_process, active_children, cpu_count, start methods, get_context('spawn')
# expect: same
import multiprocessing as mp
import os


def child(printed, ev):
    me = mp.current_process()
    parent = mp.parent_process()
    print("in child:", me.name, me.daemon, parent.name, parent.is_alive(), flush=True)
    print("child's children:", mp.active_children(), flush=True)
    printed.set()
    ev.wait()


if __name__ == "__main__":
    print("main:", mp.current_process().name, mp.parent_process())
    print("cpu_count is a positive int:", isinstance(mp.cpu_count(), int) and mp.cpu_count() >= 1)
    print("start method:", mp.get_start_method())
    ctx = mp.get_context("spawn")
    print("context:", ctx.get_start_method(), type(ctx).__name__)
    printed, ev = ctx.Event(), ctx.Event()
    p = ctx.Process(target=child, args=(printed, ev), name="Kid")
    p.start()
    # The child's lines come first whatever the start-up takes (a fixed sleep made the order a race).
    printed.wait()
    print("active:", [c.name for c in mp.active_children()])
    ev.set()
    p.join()
    print("active after join:", mp.active_children())
    print(repr(p).replace(str(p.pid), "PID").replace(str(os.getpid()), "PPID"))
