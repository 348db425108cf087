import threading
import time

shelf = []  # loaves waiting to be sold
CAPACITY = 2
changed = threading.Condition()  # a lock, plus a way to wait until something changes


def baker(loaves):
    for n in range(1, loaves + 1):
        time.sleep(0.02)  # baking
        with changed:
            changed.wait_for(lambda: len(shelf) < CAPACITY)  # full shelf: wait for room
            shelf.append(f"loaf {n}")
            print(f"baked loaf {n}   shelf: {len(shelf)}")
            changed.notify_all()  # wake whoever waits for bread


def customer(wanted):
    for _ in range(wanted):
        with changed:
            changed.wait_for(lambda: shelf)  # empty shelf: wait for bread
            loaf = shelf.pop(0)
            print(f"sold {loaf}   shelf: {len(shelf)}")
            changed.notify_all()  # wake the baker if it waits for room
        time.sleep(0.05)  # the next customer comes in a while


threads = [threading.Thread(target=baker, args=(5,)), threading.Thread(target=customer, args=(5,))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("shelf at closing:", shelf)
