"""Helpers for exercise checks. A check (check.py) runs in the learner's browser with the learner's code beside it
as the module file learner.py. Use plain `assert condition, "message for the learner"` or these helpers.

    from checking import load, run, captured, expect_equal

    learner = load()                      # import learner.py (its top level runs, its prints are captured)
    expect_equal(learner.double(2), 4, "double(2)")
    out = run(stdin=["3"])                # run learner.py as a program and return what it printed
    result, out = captured(learner.greet, "Ada")
    expect_thread_safe(scenario)          # scenario() starts threads, joins them, asserts; under many schedules
"""

import contextlib
import importlib
import io
import runpy
import sys

__all__ = ["load", "run", "captured", "expect", "expect_equal", "expect_thread_safe", "LEARNER"]

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


def expect_thread_safe(scenario, runs=300, bound=2, model=None):
    """Fail unless scenario() passes under every schedule tried: a systematic search of the switch points (every
    schedule with at most `bound` preemptions) plus seeded random schedules, `runs` in all. scenario() starts
    threads on the learner's code, joins them and asserts its invariant; a failure is an exception in it or in any
    thread, or a deadlock. The message names the shortest breaking schedule found, which replays that run exactly.

    `model`: where threads may switch: "gil" (CPython 3.14 with its GIL), "free-threaded" (3.14t: between any two
    bytecodes), a tuple of both (the code must be safe under each; the first that breaks it is reported), or None
    for the model the check runs under. Code that is safe only because the GIL happens not to switch inside
    `x += 1` passes "gil" and fails "free-threaded".

    Returns the exploration's result (result.summary() says what was tried; the last model's for a tuple), or None
    when the check itself runs under a schedule (schedule or step mode replaying a failure): then scenario() runs
    once, under that schedule."""
    from interleave import threads

    if threads.schedule() is not None:
        # A replay of one schedule (stepping through a failing one on the page): run the scenario under it, once.
        scenario()
        return None
    models = model if isinstance(model, (tuple, list)) else (model,)
    result = None
    passed = []  # models it was safe under, before the one that broke it
    for m in models:
        result = threads.explore(scenario, runs=runs, bound=bound, model=m)
        f = result.failure
        if f is None:
            passed.append(result.model)
            continue
        where = f"\n{f.where}" if f.where else ""
        if f.kind == "deadlock":
            what = "the threads deadlocked: each waits for a lock another one holds"
        elif f.thread == "MainThread":
            what = f"the check found {f.message}"
        else:
            what = f"thread {f.thread} raised {f.message}"
        how = f"with {f.preemptions} preemption{'s' if f.preemptions != 1 else ''}" if f.systematic else "at random"
        under = ""
        if len(models) > 1 or m is not None:
            under = (
                " under the free-threaded model (CPython 3.14t: no GIL, a switch can fall between any two bytecodes)"
                if result.model == "free-threaded"
                else " under the GIL model (CPython 3.14)"
            )
        lucky = ""
        if "gil" in passed and result.model == "free-threaded":
            lucky = (
                "\nIt is safe under the GIL model only because CPython 3.14 happens not to switch threads between "
                "your read and your write (no switch point there); that is not a promise of the language, and "
                "free-threaded Python breaks it."
            )
        raise AssertionError(
            f"Not thread-safe yet{under}: {what}.{where}{lucky}\n"
            f"Found after {f.trial} schedule{'s' if f.trial != 1 else ''} ({how}). The schedule that breaks it: {f.schedule}"
        )
    return result


def expect_schedule_breaks(source, schedule, invariant, filename="program.py"):
    """Pass if the program `source`, run under the learner's `schedule` (a string such as "gil:1x3,0x2,2"), breaks
    `invariant`: a function of the program's globals that asserts what should hold (say, no update was lost). For
    "make this invariant fail" exercises: the learner finds the schedule by stepping through the same program on
    the page (Step), then hands in the schedule it shows."""
    from interleave import threads

    if not isinstance(schedule, str):
        raise AssertionError(f"SCHEDULE should be a string such as \"gil:1x3,0x2,2\", not {type(schedule).__name__}")
    try:
        recorded, _ = threads._schedule.parse(schedule)
    except threads.ScheduleError as exc:
        raise AssertionError(str(exc)) from None
    code = compile(source, filename, "exec")

    def scenario():
        namespace = {"__name__": "__main__", "__file__": filename}
        exec(code, namespace)
        invariant(namespace)

    # A schedule copied from the step panel says which model it was recorded under: replay it there.
    failure, output, mismatch = threads.run_schedule(scenario, schedule, model=recorded)
    if failure is not None:
        kind, message, thread, where = failure
        print(f"Under your schedule {schedule or '(none)'}: {message if kind != 'deadlock' else 'the threads deadlocked'}")
        return failure
    lines = [f"Under the schedule {schedule or '(empty: no switches)'} the program did not break:"]
    if output.strip():
        lines.append("  " + output.strip().replace("\n", "\n  "))
    if mismatch is not None:
        i, want, labels = mismatch
        could = " or ".join(str(x) for x in labels)
        lines.append(
            f"(At decision {i + 1} the schedule names thread {want}, but only thread {could} could run there; "
            "from there the threads ran without switching. Was the schedule taken from this program?)"
        )
    raise AssertionError("\n".join(lines))
