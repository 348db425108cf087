import heapq
import time


def run(timers, spin):
    """A tiny event loop with timers only: timers is a heap of (when, name)."""
    checks = 0
    while timers:
        checks += 1
        when, name = timers[0]
        now = time.perf_counter()
        if now >= when:
            heapq.heappop(timers)
            print(f"  {name} fired")
        elif not spin:
            time.sleep(when - now)  # nothing is ready before `when`: hand the CPU back until then
        # with spin=True we simply go round again and ask "is it time yet?"
    return checks


for spin in (True, False):
    start, cpu = time.perf_counter(), time.process_time()  # process_time(): CPU time this process used
    now = time.perf_counter()
    timers = [(now + 0.1, "first"), (now + 0.2, "second")]
    heapq.heapify(timers)
    print("polling loop:" if spin else "sleeping loop:")
    checks = run(timers, spin)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {checks} checks in {wall:.1f} s, {cpu:.2f} s of CPU")
