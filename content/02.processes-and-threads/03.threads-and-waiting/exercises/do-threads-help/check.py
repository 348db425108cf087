import threading
import time

from checking import expect, load

learner = load()


def nap():
    time.sleep(0.1)


def crunch():
    total = 0
    for i in range(250_000):
        total += i * i
    return total


def no_process_time():
    raise AssertionError(
        "time.process_time() counts processor time, not the time that passed; measure with time.perf_counter()"
    )


saved = time.process_time
time.process_time = no_process_time
try:
    seq = learner.wall_time(nap, 4, threaded=False)
    expect(0.38 <= seq < 0.7, f"wall_time(nap, 4, threaded=False), four naps of 0.1 s in a row: expected about 0.4 s, got {seq:.2f} s")

    seen = set()

    def named_nap():
        seen.add(threading.current_thread().name)
        nap()

    par = learner.wall_time(named_nap, 4, threaded=True)
    expect(
        len(seen) == 4 and "MainThread" not in seen,
        f"wall_time(job, 4, threaded=True) should call job() in 4 threads of its own; it ran in {sorted(seen)}",
    )
    expect(0.09 <= par < 0.25, f"wall_time(nap, 4, threaded=True), four naps of 0.1 s at once: expected about 0.1 s, got {par:.2f} s")
    expect(threading.active_count() == 1, "threads were still running after wall_time returned: join them before you stop the clock")

    expect(learner.threads_help(nap) is True, "threads_help(nap): four naps at once take a quarter of the time, expected True")
    expect(learner.threads_help(crunch) is False, "threads_help(crunch), a CPU-bound job: threads do not make it faster, expected False")
finally:
    time.process_time = saved
print("Threads help the naps and not the crunching, and your measurements show it.")
