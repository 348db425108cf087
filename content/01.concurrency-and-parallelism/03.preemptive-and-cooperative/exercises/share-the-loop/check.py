import asyncio
import inspect
import time

from checking import expect, load

learner = load()

expect(inspect.iscoroutinefunction(learner.count_primes), "count_primes should still be an `async def` function")


async def measure(limit):
    """Run count_primes(limit) beside a heartbeat that wants to wake every 20 ms; return (answer, worst lateness)."""
    late = []
    done = False

    async def heartbeat():
        while not done:
            due = time.perf_counter() + 0.02
            await asyncio.sleep(0.02)
            late.append(time.perf_counter() - due)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    started = time.perf_counter()
    answer = await learner.count_primes(limit)
    took = time.perf_counter() - started
    done = True
    await beat
    return answer, max(late, default=took), took


answer, worst, took = asyncio.run(measure(100_000))
expect(answer == 9592, f"count_primes(100_000) returned {answer!r}; there are 9592 primes below 100,000")
expect(asyncio.run(measure(10))[0] == 4, "count_primes(10) should be 4 (2, 3, 5 and 7)")
expect(
    worst < took / 2,
    f"while count_primes(100_000) ran for {took:.2f} s, a task that wanted to run every 20 ms waited up to "
    f"{worst * 1000:.0f} ms: count_primes still keeps the event loop to itself. Await asyncio.sleep(0) inside the loop.",
)
print(f"Correct, and polite: count_primes took {took:.2f} s and the other task never waited more than {worst * 1000:.0f} ms.")
