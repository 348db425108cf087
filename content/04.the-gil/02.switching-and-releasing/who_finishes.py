import threading
import time

done = []


def sleeper():
    time.sleep(0.02)  # blocks: gives the GIL away at once
    done.append("sleeper")


def cruncher():
    total = 0
    for i in range(2_000_000):  # never blocks: holds the GIL until asked
        total += i
    done.append("cruncher")


threads = [threading.Thread(target=cruncher), threading.Thread(target=sleeper)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("finished first:", done[0])
print("finished last: ", done[1])
