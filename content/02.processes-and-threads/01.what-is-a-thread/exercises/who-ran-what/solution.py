import threading


def run_in_threads(jobs):
    """Run every job (a function taking no arguments) in a thread of its own, named "job-0", "job-1", ...,
    and return a dict from each thread's name to what the job returned in it.

    The threads write their results into one dict that they all share; the main thread reads it once every
    thread has finished.
    """
    #| starter
    # results = {}
    # for number, job in enumerate(jobs):
    #     results[f"job-{number}"] = job()  # TODO: this runs every job in the main thread
    #| solution
    results = {}  # one dict in the memory of the process: every thread writes its own key

    def run(job):
        results[threading.current_thread().name] = job()

    threads = [threading.Thread(target=run, args=(job,), name=f"job-{number}") for number, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()  # read results only when every thread has written its entry
    #| end
    return results


if __name__ == "__main__":
    def whoami():
        return threading.current_thread().name

    print(run_in_threads([whoami, whoami]))
