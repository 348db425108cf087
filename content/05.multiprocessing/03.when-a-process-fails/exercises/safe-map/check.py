import os

# Child processes import this check as __mp_main__ (spawn): only the parent may run it.
if __name__ == "__main__":
    from checking import expect, expect_equal, load

    learner = load()
    parent = os.getpid()

    def call(items, func=None):
        func = func or learner.parse
        try:
            return learner.safe_map(func, items, 2)
        except Exception as err:
            expect(False, f"safe_map({func.__name__}, {items!r}, 2) raised {type(err).__name__}: {err}; catch each item's error instead")

    expect_equal(call(["1", "2"]), [("ok", 1), ("ok", 2)], "safe_map(parse, ['1', '2'], 2)")
    expect_equal(
        call(["1", "x", "3"]),
        [("ok", 1), ("error", "ValueError: invalid literal for int() with base 10: 'x'"), ("ok", 3)],
        "safe_map(parse, ['1', 'x', '3'], 2): the bad item gives an error entry, the others still their results",
    )
    expect_equal(
        call(["a", "b"]),
        [("error", "ValueError: invalid literal for int() with base 10: 'a'"), ("error", "ValueError: invalid literal for int() with base 10: 'b'")],
        "safe_map(parse, ['a', 'b'], 2), every item bad",
    )
    expect_equal(call([]), [], "safe_map(parse, [], 2), no items")
    pids = call(list(range(4)), learner.pid_of)
    expect(
        all(kind == "ok" and pid != parent for kind, pid in pids),
        f"safe_map(pid_of, range(4), 2) gave {pids}: every call should run in a pool process, not in the parent (pid {parent})",
    )
