import sys
import threading


def count_turns(interval, steps=5_000):
    """Set the switch interval to `interval`, run two threads that each loop
    `steps` times, and return how many turns they took: how many times the
    running thread changed, counting the first thread's first turn. Put the
    old switch interval back before returning, even if something fails."""
    log = []

    def work(name):
        for _ in range(steps):
            #| starter
            # log.append(name)
            #| solution
            if not log or log[-1] != name:  # the other thread ran since our last step
                log.append(name)
            #| end

    #| starter
    # threads = [threading.Thread(target=work, args=(name,)) for name in "AB"]
    # for t in threads:
    #     t.start()
    # for t in threads:
    #     t.join()
    #| solution
    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    try:
        threads = [threading.Thread(target=work, args=(name,)) for name in "AB"]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    #| end
    return len(log)


if __name__ == "__main__":
    for interval in (0.0005, 0.005, 0.05):
        print(interval, count_turns(interval, steps=50_000))
    print("switch interval now:", sys.getswitchinterval())
