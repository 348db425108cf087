# Conformance: a coroutine that is never awaited is reported where the program drops it (its line, with CPython's
# tracemalloc hint), and one still referenced when the program ends is reported as at interpreter exit, with no
# line ("<sys>:0" since CPython 3.13, "sys:1" before: asyncio-spec.ts reads python3's as the newer spelling),
# unless the program's warning filters ignore it.
# expect: same
import asyncio
import warnings

warnings.filterwarnings("ignore", message="coroutine 'quiet'")


async def job(n):
    return n


async def quiet():
    pass


def make_and_drop():
    job(1)


async def main():
    job(2)
    kept = job(3)
    print("main still has", kept.__qualname__)
    del kept
    print("main done")


make_and_drop()
asyncio.run(main())
left_for_exit = job(4)
ignored_at_exit = quiet()
print("end of program")
