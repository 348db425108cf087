# Conformance: join(timeout) returns while the child still runs; exitcode stays None until it ends
# expect: same
import multiprocessing as mp
import time


def slow():
    time.sleep(0.6)


if __name__ == "__main__":
    p = mp.Process(target=slow)
    p.start()
    t = time.monotonic()
    p.join(0.1)
    waited = time.monotonic() - t
    print("returned early:", waited < 0.5, "alive:", p.is_alive(), "exitcode:", p.exitcode)
    p.join()
    print("alive:", p.is_alive(), "exitcode:", p.exitcode)
    p.close()
    try:
        p.pid
    except ValueError as e:
        print("after close:", e)
