# Conformance: start, join, exitcode, name, pids distinct, ppid is the parent
# expect: same
import multiprocessing as mp
import os


def child(parent_pid):
    me = mp.current_process()
    print("child name:", me.name, flush=True)
    print("child pid differs from parent:", os.getpid() != parent_pid, flush=True)
    print("child ppid is parent:", os.getppid() == parent_pid, flush=True)


if __name__ == "__main__":
    p = mp.Process(target=child, args=(os.getpid(),))
    print("before start:", p.exitcode, p.is_alive(), p.pid)
    p.start()
    p.join()
    print("exitcode:", p.exitcode, "alive:", p.is_alive())
    print("pid was an int:", isinstance(p.pid, int), p.pid != os.getpid())
    q = mp.Process(target=child, args=(os.getpid(),), name="worker-7")
    q.start()
    q.join()
    print("pids differ:", p.pid != q.pid)
