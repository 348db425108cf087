import threading

log_lock = threading.Lock()
lines = []


def log(message):
    with log_lock:
        lines.append(message)


def rotate():
    with log_lock:  # hold the lock while the log is rotated...
        log("rotating the log")  # ...and log that: log() takes log_lock again
        lines.clear()


rotate()
print("never printed")
