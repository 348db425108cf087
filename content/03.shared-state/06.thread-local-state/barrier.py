import threading

start_line = threading.Barrier(2)


def runner(name):
    print(name, "ready")
    start_line.wait()
    print(name, "go")


threads = [threading.Thread(target=runner, args=(name,)) for name in "AB"]
for t in threads:
    t.start()
for t in threads:
    t.join()
