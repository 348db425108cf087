import os
import threading

log = []  # shared by every thread of the program


def report():
    """Build the line "<name of the running thread> (pid <process id>)",
    append it to the shared list `log`, and return it."""
    line = "MainThread (pid ?)"  # TODO: ask threading and os instead of guessing
    return line


if __name__ == "__main__":
    report()
    helper = threading.Thread(target=report, name="Helper")
    helper.start()
    helper.join()
    print(log)
