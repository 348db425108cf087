import threading
import time


def wall_time(job, copies, threaded):
    """Run `copies` calls of job(): one after another, or (threaded=True)
    each in a thread of its own, all at once. Return the seconds it took."""
    start = time.perf_counter()
    #| starter
    # for _ in range(copies):
    #     job()
    #| solution
    if threaded:
        threads = [threading.Thread(target=job) for _ in range(copies)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for _ in range(copies):
            job()
    #| end
    return time.perf_counter() - start


def threads_help(job, copies=4):
    """True when running the copies in threads takes at most half
    the time of running them one after another."""
    #| starter
    # return False
    #| solution
    alone = wall_time(job, copies, threaded=False)
    together = wall_time(job, copies, threaded=True)
    return together <= alone / 2
    #| end


if __name__ == "__main__":
    def nap():
        time.sleep(0.1)

    print("one after another:", round(wall_time(nap, 4, threaded=False), 2))
    print("in threads:", round(wall_time(nap, 4, threaded=True), 2))
    print("threads help napping:", threads_help(nap))
