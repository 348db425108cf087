import threading
import time


def worker(label, steps):
    for step in range(steps):
        time.sleep(0.05)  # pretend each step waits for something
    print(f"{label}: {steps} steps done in {threading.current_thread().name}")


t = threading.Thread(target=worker, args=("download", 3))
print(t.name, "alive:", t.is_alive())
t.start()
print(t.name, "alive:", t.is_alive())
t.join()
print(t.name, "alive:", t.is_alive())
