import os
import threading

events = []  # one list, in the memory of the process


def note(what):
    me = threading.current_thread()
    events.append(f"{me.name} (process {os.getpid()}): {what}")


def helper():
    note("hello from the helper")
    print("threads alive while the helper runs:", threading.active_count())


note("starting a helper")
t = threading.Thread(target=helper, name="Helper")
t.start()
t.join()  # wait until the helper has finished (the next lesson explains)
note("the helper is done")

for line in events:
    print(line)
