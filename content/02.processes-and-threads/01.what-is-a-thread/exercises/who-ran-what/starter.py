import threading


def run_in_threads(jobs):
    """Run every job (a function taking no arguments) in a thread of its own, named "job-0", "job-1", ...,
    and return a dict from each thread's name to what the job returned in it.

    The threads write their results into one dict that they all share; the main thread reads it once every
    thread has finished.
    """
    results = {}
    for number, job in enumerate(jobs):
        results[f"job-{number}"] = job()  # TODO: this runs every job in the main thread
    return results


if __name__ == "__main__":
    def whoami():
        return threading.current_thread().name

    print(run_in_threads([whoami, whoami]))
