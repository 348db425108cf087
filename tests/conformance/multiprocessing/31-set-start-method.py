# Conformance: a program's own set_start_method("spawn") works (spawn is only the default, not fixed); a method
# this platform lacks fails as CPython fails where it lacks it ("cannot find context", as on Windows; here the
# browser has only spawn, and python3 is given only spawn too: multiprocessing/python3/sitecustomize.py).
# expect: same
import multiprocessing as mp


def square(x):
    return x * x


if __name__ == "__main__":
    mp.set_start_method("spawn")
    print("start method:", mp.get_start_method())
    with mp.Pool(2) as pool:
        print(pool.map(square, range(5)))
    try:
        mp.set_start_method("spawn")
    except RuntimeError as e:
        print("again:", e)
    mp.set_start_method("spawn", force=True)
    print("forced again:", mp.get_start_method())
    for method in ("fork", "forkserver", "threads"):
        for attempt in (lambda: mp.set_start_method(method, force=True), lambda: mp.get_context(method)):
            try:
                attempt()
                print(method, "accepted")
            except ValueError as e:
                print(method, "ValueError:", e)
    print("still:", mp.get_start_method())
    print("all:", mp.get_all_start_methods())
    mp.set_start_method(None, force=True)
    print("unset:", mp.get_start_method(allow_none=True), "then", mp.get_start_method())
