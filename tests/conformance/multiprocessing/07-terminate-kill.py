# Conformance: terminate() and kill() end a busy child: exit codes -15 and -9, is_alive False afterwards
# expect: same
import multiprocessing as mp
import time


def forever(ev):
    ev.set()
    while True:
        time.sleep(0.01)


def spin(ev):
    ev.set()
    n = 0
    while True:
        n += 1


if __name__ == "__main__":
    for target, how in [(forever, "terminate"), (spin, "kill")]:
        ev = mp.Event()
        p = mp.Process(target=target, args=(ev,))
        p.start()
        ev.wait()
        print(how, "alive before:", p.is_alive())
        getattr(p, how)()
        p.join()
        print(how, "exitcode:", p.exitcode, "alive after:", p.is_alive())
