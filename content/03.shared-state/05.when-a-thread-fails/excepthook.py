import threading


def report(args):
    print(f"{args.thread.name} failed: {args.exc_type.__name__}: {args.exc_value}")


threading.excepthook = report


def work(n):
    print("working on", n)
    if n == 2:
        raise ValueError(f"bad item {n}")
    print("done with", n)


for n in (1, 2, 3):
    t = threading.Thread(target=work, args=(n,), name=f"worker-{n}")
    t.start()
    t.join()
print("all joined")
