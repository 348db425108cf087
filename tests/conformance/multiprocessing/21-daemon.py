# Conformance: a daemon child is terminated when the main program ends; a daemon cannot start children
# expect: same
import multiprocessing as mp
import time


def grandchild():
    pass


def daemon_body(out):
    try:
        mp.Process(target=grandchild).start()
    except AssertionError as e:
        out.put(str(e))
    while True:
        time.sleep(0.05)


if __name__ == "__main__":
    out = mp.Queue()
    d = mp.Process(target=daemon_body, args=(out,), daemon=True)
    print("daemon:", d.daemon)
    d.start()
    print(out.get())
    print("alive before exit:", d.is_alive())
    print("main ends (the daemon is terminated)")
