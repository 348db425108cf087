# Conformance: sys.getswitchinterval() is 0.005 s; a smaller interval makes busy threads take turns more often.
# expect: same
import sys
import threading
import time

print("default interval:", sys.getswitchinterval())


def count_turns(interval, seconds=0.4):
    sys.setswitchinterval(interval)
    turns = [0]
    last = [None]
    stop = [False]

    def spin(name):
        while not stop[0]:
            if last[0] != name:
                last[0] = name
                turns[0] += 1

    threads = [threading.Thread(target=spin, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop[0] = True
    for t in threads:
        t.join()
    return turns[0]


coarse = count_turns(0.05)
fine = count_turns(0.002)
print("more turns with a smaller interval:", fine > coarse)
sys.setswitchinterval(0.005)
