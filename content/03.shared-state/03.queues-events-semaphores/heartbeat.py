import threading
import time

stop = threading.Event()  # starts unset


def heartbeat():
    beats = 0
    # wait() returns True as soon as the event is set, or False after the timeout
    while not stop.wait(timeout=0.1):
        beats += 1
        print("beat", beats)
    print("heartbeat stopped after", beats, "beats")


t = threading.Thread(target=heartbeat)
t.start()
time.sleep(0.35)  # the main thread works for a while
stop.set()  # every thread waiting on the event wakes up at once
t.join()
print("is the event set?", stop.is_set())
