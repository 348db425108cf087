"""Race hunting: run a function (or a whole program) under many schedules in one run, stop at the first that fails.

explore(fn) calls fn() again and again in the calling (main) thread, each time under a fresh Chooser (see
_schedule.py), and joins the threads it left behind. A trial fails when fn raises (an assertion about shared
state, say), when any thread it started dies of an uncaught exception, or when the threads deadlock.

Which schedules: a systematic search by iterative context bounding (Musuvathi and Qadeer, PLDI 2007): every
schedule with 0 preemptions first (free choices when a thread blocks or ends are all tried), then every one with
1, then 2, ... up to `bound`, each found by replaying a recorded prefix and changing one decision. Most
concurrency bugs need only one or two preemptions, and the first failing schedule found has the fewest, which
makes it short to read. Once the preemption counts still waiting reach 2, every fourth trial is a seeded random
schedule instead (cheap coverage of long interleavings the bound leaves out), and when the systematic search is
done, the rest of the `runs` are random.

Every trial starts the same way as a fresh run in schedule mode (threads numbered from 1, random seeded with 0,
a new virtual clock, thread names from Thread-1), so the failing schedule replays in a run of its own
(`npm run py -- f.py --schedule S`), and the explorer's own replay of it is checked before it is reported.
"""

import builtins
import contextlib
import heapq
import io
import itertools
import random
import sys
import time
import traceback
import types

from . import _clock, _points, _report, _schedule
from ._core import Deadlock


RANDOM_PREEMPTIONS = 3  # most preemptions a random trial makes


class Failure:
    """The first failing schedule: how it failed, and what the program printed under it."""

    def __init__(self, schedule, kind, message, where, thread, output, preemptions, trial, systematic):
        self.schedule = schedule  # the string for --schedule / interleave.threads replay
        self.kind = kind  # "exception" | "deadlock" | "exit"
        self.message = message  # "AssertionError: lost update" or the deadlock report
        self.where = where  # the failing exception's lines in the learner's files ("" if none)
        self.thread = thread  # name of the thread that failed (MainThread for fn itself)
        self.output = output  # stdout and stderr of that trial, interleaved as printed
        self.preemptions = preemptions
        self.trial = trial  # 1-based number of the trial that found it
        self.systematic = systematic

    def describe(self):
        if self.kind == "deadlock":
            what = "the threads deadlocked"
        elif self.thread == "MainThread":
            what = f"it raised {self.message}"
        else:
            what = f"thread {self.thread} raised {self.message}"
        return f"{what} under schedule {self.schedule or '(default)'}"

    def __repr__(self):
        return f"<Failure {self.describe()}>"


class Result:
    def __init__(self, bound, model=_points.GIL):
        self.bound = bound
        self.model = model
        self.failure = None
        self.trials = 0
        self.systematic = 0
        self.random = 0
        self.gave_up = 0  # trials stopped after _schedule.MAX_DECISIONS decisions
        self.exhausted = False  # every schedule with at most `bound` preemptions was tried
        self.seconds = 0.0

    @property
    def ok(self):
        return self.failure is None

    def summary(self):
        search = (
            f"all {self.systematic} schedule{'s' if self.systematic != 1 else ''} with at most {self.bound} preemption{'s' if self.bound != 1 else ''}"
            if self.exhausted
            else f"{self.systematic} systematic (up to {self.bound} preemption{'s' if self.bound != 1 else ''}, not exhausted)"
        )
        text = f"{self.trials} schedule{'s' if self.trials != 1 else ''} in {self.seconds:.2f} s: {search}, {self.random} random"
        if self.gave_up:
            text += f", {self.gave_up} stopped as endless"
        return text


class _NullTimeline:
    """Trials leave no timeline (hundreds of them would fill the run's)."""

    t0 = 0.0

    def __getattr__(self, name):
        return _nothing


def _nothing(*args, **kwargs):
    return None


class _Streams:
    def __init__(self):
        self.buffer = io.StringIO()

    def __enter__(self):
        self.saved = (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = self.buffer
        return self

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
        return False


def _describe(exc):
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _user_traceback(exc):
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _report.is_user_file(f.filename)]
    lines = [f"  {f.filename.rsplit('/', 1)[-1]}, line {f.lineno}, in {f.name}: {(f.line or '').strip()}" for f in frames]
    return "\n".join(lines)


class _Explorer:
    def __init__(self, run, fn, model):
        self.run = run
        self.sched = run.sched
        self.fn = fn
        self.model = model

    def trial(self, prefix, rng, horizon=0):
        """One call of fn under a schedule (a prefix, or random with `rng` over about `horizon` decisions).
        Returns (chooser, failure tuple or None, output)."""
        sched = self.sched
        threading = self.run.threading
        preempt_at = ()
        if rng is not None and horizon > 0:
            preempt_at = [rng.randrange(horizon) for _ in range(rng.randint(1, RANDOM_PREEMPTIONS))]
        chooser = _schedule.Chooser(sched, prefix, rng, preempt_at, model=self.model)
        sched.clock = _clock.VirtualClock()
        sched.timers.clear()
        random.seed(0)
        threading._counter = itertools.count(1).__next__
        errors = []

        def hook(args):
            if args.exc_type is _schedule.GiveUp or args.exc_type is SystemExit:
                return
            name = args.thread.name if args.thread is not None else "a thread"
            errors.append(("exception", _describe(args.exc_value), name, _user_traceback(args.exc_value)))

        saved_hook = threading.excepthook
        threading.excepthook = hook
        failure = None
        sched.chooser = chooser
        streams = _Streams()
        try:
            with streams:
                try:
                    try:
                        self.fn()
                    finally:
                        sched.join_non_daemon()
                except Deadlock as exc:
                    failure = ("deadlock", _report.format_deadlock(exc.report).strip(), "MainThread", "")
                except _schedule.GiveUp:
                    pass
                except SystemExit as exc:
                    if exc.code not in (None, 0):
                        failure = ("exit", f"SystemExit: {exc.code}", "MainThread", "")
                except KeyboardInterrupt:
                    raise
                except BaseException as exc:  # noqa: BLE001 - any failure of fn is what we look for
                    failure = ("exception", _describe(exc), "MainThread", _user_traceback(exc))
        finally:
            sched.chooser = None
            self._clean_up()
            threading.excepthook = saved_hook
        if failure is None and errors:
            failure = errors[0]
        return chooser, failure, streams.buffer.getvalue()

    def _clean_up(self):
        """Threads the trial left (after a deadlock, a failure in fn, or daemons) are stopped; the scheduler is
        made ready for the next trial."""
        sched = self.sched
        sched.next_pick = None
        if len(sched.threads) > 1:
            out, err = sys.stdout, sys.stderr
            sys.stdout = sys.stderr = io.StringIO()
            try:
                sched.kill_all()
            finally:
                sys.stdout, sys.stderr = out, err
        sched.killing = False
        sched.deadlocked = None
        sched.abandoned.clear()
        sched.main.pending = None
        sched.main.kill = False


def _check_quiet(sched):
    others = [t for t in sched.threads.values() if not t.main]
    if others:
        raise RuntimeError(f"explore() must be called while no other thread runs ({len(others)} still alive)")
    if sched.me() is not sched.main:
        raise RuntimeError("explore() must be called from the main thread")


def _model_for(run, model):
    return run.model if model is None else _points.normalize(model)


def explore(fn, runs=200, bound=2, seed=0, model=None):
    """Call fn() under up to `runs` schedules of `model` (None: the run's own model; see _points.py) and stop
    at the first failing one (see the module's docstring).

    Returns a Result; result.failure (a Failure) has the schedule string to replay."""
    run = _run_for("explore", fn, runs, bound)
    model = _model_for(run, model)
    result = Result(bound, model)
    explorer = _Explorer(run, fn, model)
    master = random.Random(seed)
    frontier = _Frontier(bound)
    horizon = 0  # decisions in the longest trial so far: where random trials place their preemptions
    with _swapped_in(run, model, result):
        while result.trials < runs:
            if not frontier and horizon == 0:
                break  # no decision was ever open (no second thread): every schedule is the same run
            use_random = not frontier or (frontier.cheapest() >= 2 and result.trials % 4 == 3)
            if use_random:
                rng = random.Random(master.getrandbits(32))
                prefix = []
                result.random += 1
            else:
                prefix = frontier.pop()
                rng = None
                result.systematic += 1
            result.trials += 1
            chooser, failure, output = explorer.trial(prefix, rng, horizon)
            horizon = max(horizon, len(chooser.log))
            if chooser.gave_up:
                result.gave_up += 1
            if not use_random:
                frontier.expand(chooser, len(prefix))
            if failure is not None:
                result.failure = _confirm(explorer, chooser, failure, output, result.trials, not use_random)
                break
        result.exhausted = not frontier
    return result


class Outcomes:
    """What a program printed under each schedule tried by outcomes(): the distinct outputs, each with the first
    (fewest-preemption) schedule that printed it."""

    def __init__(self, bound, model):
        self.bound = bound
        self.model = model
        self.found = {}  # output (trailing whitespace of lines and final newlines removed) -> Outcome
        self.trials = 0
        self.gave_up = 0
        self.exhausted = False  # every schedule with at most `bound` preemptions was tried
        self.seconds = 0.0

    def summary(self):
        search = (
            f"all {self.trials} schedule{'s' if self.trials != 1 else ''} with at most {self.bound} preemption{'s' if self.bound != 1 else ''}"
            if self.exhausted
            else f"{self.trials} schedules with at most {self.bound} preemption{'s' if self.bound != 1 else ''} (not all of them)"
        )
        return f"{search} in {self.seconds:.2f} s: {len(self.found)} different output{'s' if len(self.found) != 1 else ''}"


class Outcome:
    def __init__(self, output, schedule, preemptions, failure):
        self.output = output
        self.schedule = schedule
        self.preemptions = preemptions
        self.failure = failure  # None, or (kind, message) when the program failed under that schedule
        self.count = 1  # schedules that printed it


def normalize_output(text):
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).rstrip("\n")


def outcomes(fn, runs=2000, bound=3, model=None):
    """Call fn() under every schedule of `model` with at most `bound` preemptions (systematic search only, as in
    explore(), but without stopping at a failure) and collect the distinct outputs, each with the first schedule
    that printed it. Stops after `runs` schedules; result.exhausted says whether every schedule within the bound was
    tried, which is what lets a caller call an output that was never printed impossible within that bound."""
    run = _run_for("outcomes", fn, runs, bound)
    model = _model_for(run, model)
    result = Outcomes(bound, model)
    explorer = _Explorer(run, fn, model)
    frontier = _Frontier(bound)
    with _swapped_in(run, model, result):
        while frontier and result.trials < runs:
            prefix = frontier.pop()
            result.trials += 1
            chooser, failure, output = explorer.trial(prefix, None)
            if chooser.gave_up:
                result.gave_up += 1
            frontier.expand(chooser, len(prefix))
            key = normalize_output(output)
            seen = result.found.get(key)
            if seen is not None:
                seen.count += 1
                continue
            schedule = chooser.schedule()
            result.found[key] = Outcome(key, schedule, chooser.preemptions, None if failure is None else (failure[0], failure[1]))
        result.exhausted = not frontier
    return result


def run_schedule(fn, schedule, model=None):
    """Call fn() once under `schedule` (a string, as --schedule takes), inside the current run, as one trial of
    explore() is run. Returns (failure, output, mismatch): failure is (kind, message, thread, where) or None,
    output what fn printed, mismatch None or (decision index, wanted label, labels that could run) when the
    schedule named a thread that could not run there (the default policy decided from that point)."""
    run = _run_for("run_schedule", fn)
    model = _model_for(run, model)
    prefix = _schedule.parse_for(schedule, model)
    with _swapped_in(run, model):
        chooser, failure, output = _Explorer(run, fn, model).trial(prefix, None)
    return failure, output, chooser.mismatch


def _run_for(name, fn, runs=None, bound=None):
    """The current run, once the arguments of explore(), outcomes() or run_schedule() (`name`) are checked."""
    from . import _run_state

    if not callable(fn):
        raise TypeError(f"{name}() needs a function to call")
    if runs is not None and (not isinstance(runs, int) or runs < 1):
        raise ValueError("runs must be a positive whole number")
    if bound is not None and (not isinstance(bound, int) or bound < 0):
        raise ValueError("bound must be a whole number, 0 or more")
    run = _run_state()
    if run is None or run.js is None:
        raise RuntimeError(f"{name}() needs the thread runtime with stack switching (run it in Interleave's worker)")
    return run


@contextlib.contextmanager
def _swapped_in(run, model, result=None):
    """Schedule decisions take over from the run's own preemption while the block runs (see _swap_in); the block's
    time goes to result.seconds."""
    sched = run.sched
    _check_quiet(sched)
    started = time.perf_counter()
    saved = _swap_in(run, sched, model)
    try:
        yield
    finally:
        _swap_out(run, sched, saved)
        if result is not None:
            result.seconds = time.perf_counter() - started


class _Frontier:
    """The systematic search's schedules still to try, fewest preemptions first: each entry is (preemptions, prefix
    length, order, parent choices, index, alternative), standing for the prefix parent[:index] + [alternative]."""

    def __init__(self, bound):
        self.bound = bound
        self.counter = itertools.count()
        self.heap = [(0, 0, next(self.counter), (), 0, None)]  # the empty prefix: the default policy throughout

    def __bool__(self):
        return bool(self.heap)

    def cheapest(self):
        """The preemptions of the next prefix."""
        return self.heap[0][0]

    def pop(self):
        """The next prefix to try (a list of choices)."""
        _cost, _, _, parent, index, alt = heapq.heappop(self.heap)
        return list(parent[:index]) + ([alt] if alt is not None else [])

    def expand(self, chooser, start):
        """Children of a systematic trial: one changed decision at or after the end of its prefix."""
        log = chooser.log
        choices = tuple(d.chosen for d in log)
        preemptions = 0
        for i, d in enumerate(log):
            if i >= start:
                for alt in d.options:
                    if alt == d.chosen:
                        continue
                    cost = preemptions + (1 if d.current is not None and alt != d.current else 0)
                    if cost <= self.bound:
                        heapq.heappush(self.heap, (cost, i + 1, next(self.counter), choices, i, alt))
            if d.current is not None and d.chosen != d.current:
                preemptions += 1


def _confirm(explorer, chooser, failure, output, trial, systematic):
    """Replay the trimmed schedule once more: what is reported must be what `--schedule` will show."""
    schedule = chooser.schedule()
    again, failure2, output2 = explorer.trial(_schedule.parse_for(schedule, explorer.model), None)
    if failure2 is not None and again.schedule() == schedule:
        failure, output, chooser = failure2, output2, again
    else:
        # Not reproducible from the trimmed string (it should be): report the full recorded one instead.
        schedule = _schedule.format(chooser.choices(), explorer.model)
    kind, message, thread, where = failure
    return Failure(schedule, kind, message, where, thread, output, chooser.preemptions, trial, systematic)


def _swap_in(run, sched, model):
    """The run's own preemption (ticker or counter) stands aside; schedule decisions take over."""
    if run.preemption_kind == "schedule" and run.model != model:
        raise RuntimeError(
            f"cannot search schedules of the {model} model inside a run that replays a schedule of the {run.model} model"
        )
    saved = {
        "preemption": sched.preemption,
        "clock": sched.clock,
        "timeline": sched.timeline,
        "on_ticker": sched.on_ticker,
        "chooser": sched.chooser,
        "random": random.getstate(),
        "counter": run.threading._counter,
        "own": None,
    }
    if sched.ticker_on and sched.on_ticker is not None:
        sched.on_ticker(False)
    sched.on_ticker = None
    sched.ticker_on = False
    if run.preemption_kind == "schedule":
        if run.model != model:
            raise RuntimeError(
                f"cannot search schedules of the {model} model inside a run that replays a schedule of the "
                f"{run.model} model"
            )
        own = run.preemption  # schedule mode already finds this model's switch points
    else:
        own = saved["own"] = _schedule.SchedulePreemption(sched, model)
    sched.preemption = own
    sched.timeline = _NullTimeline()
    sched.chooser = None
    return saved


def _swap_out(run, sched, saved):
    if saved["own"] is not None:
        saved["own"].close()
    sched.preemption = saved["preemption"]
    sched.clock = saved["clock"]
    sched.timeline = saved["timeline"]
    sched.timers.clear()
    sched.on_ticker = saved["on_ticker"]
    sched.chooser = saved["chooser"]
    random.setstate(saved["random"])
    run.threading._counter = saved["counter"]


def program(path):
    """A function that runs the program in `path` as `__main__` (for exploring a whole program)."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    code = compile(source, path, "exec")

    def run_program():
        main = types.ModuleType("__main__")
        main.__file__ = path
        main.__builtins__ = builtins
        saved = sys.modules.get("__main__")
        sys.modules["__main__"] = main
        try:
            exec(code, main.__dict__)
        finally:
            if saved is not None:
                sys.modules["__main__"] = saved

    return run_program


def main(path, runs, bound, seed=0, shown_name=None, model=None):
    """`npm run py -- f.py --explore N [--model M]`: explore a program, print the verdict, exit 1 if a schedule
    failed."""
    name = shown_name or path
    result = explore(program(path), runs=runs, bound=bound, seed=seed, model=model)
    out = sys.stdout
    out.write(f"explored {result.summary()}\n")
    f = result.failure
    if f is None:
        out.write(f"no failure found in {name}\n")
        return 0
    how = f"systematic search, {f.preemptions} preemption{'s' if f.preemptions != 1 else ''}" if f.systematic else "random schedule"
    out.write(f"FAILED at schedule {f.trial} ({how}): {f.describe()}\n")
    if f.kind == "deadlock":
        out.write(f"{f.message}\n")
    elif f.where:
        out.write(f"{f.where}\n")
    out.write(f"schedule: {f.schedule}\n")
    flag = "" if result.model == _points.GIL else f" --model {result.model}"
    out.write(f"replay it: npm run py -- {name}{flag} --schedule {f.schedule}\n")
    if f.output.strip() and f.kind != "deadlock":
        out.write("its output:\n")
        out.write("".join(f"  | {line}\n" for line in f.output.rstrip("\n").split("\n")))
    return 1
