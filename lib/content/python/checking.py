"""Helpers for exercise checks. A check (check.py) runs in the learner's browser with the learner's code beside it
as the module file learner.py. Use plain `assert condition, "message for the learner"` or these helpers.

    from checking import load, run, captured, expect_equal

    learner = load()                      # import learner.py (its top level runs, its prints are captured)
    expect_equal(learner.double(2), 4, "double(2)")
    out = run(stdin=["3"])                # run learner.py as a program and return what it printed
    result, out = captured(learner.greet, "Ada")
"""

import contextlib
import importlib
import io
import runpy
import sys

__all__ = ["load", "run", "captured", "expect", "expect_equal", "LEARNER"]

LEARNER = "learner"


def load():
    """Import the learner's code as a fresh module. What its top level printed is in `module.__output__`."""
    sys.modules.pop(LEARNER, None)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module = importlib.import_module(LEARNER)
    module.__output__ = out.getvalue()
    return module


def run(stdin=()):
    """Run learner.py as a program (`__name__ == "__main__"`), feeding `stdin` lines to input(); return its output."""
    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO("".join(f"{line}\n" for line in stdin))
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(f"{LEARNER}.py", run_name="__main__")
    finally:
        sys.stdin = saved
    return out.getvalue()


def captured(fn, *args, **kwargs):
    """Call fn(*args, **kwargs) and return (its result, what it printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()


def expect(condition, message):
    """Fail the check with `message` (shown to the learner) unless `condition` holds."""
    if not condition:
        raise AssertionError(message)


def expect_equal(actual, expected, what):
    """Fail with "what: expected …, got …" unless actual == expected."""
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")
