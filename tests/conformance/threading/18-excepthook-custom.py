# Conformance: a custom threading.excepthook receives the exception type, value and thread.
# expect: same
import threading

caught = []


def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


threading.excepthook = hook


def fail(msg):
    raise KeyError(msg)


threads = [threading.Thread(target=fail, args=(f"k{i}",), name=f"w{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(caught))
threading.excepthook = threading.__excepthook__
