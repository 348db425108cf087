"""Schedules as data: who runs at each switch point, recorded as a short string and replayed exactly.

Schedule mode (`install({"schedule": "..."})`, `npm run py -- f.py --schedule S`) and the explorer (_explore.py)
switch threads only where a Chooser decides:

- at every switch point of the run's interpreter model (_points.py) in the learner's code while another thread
  could run (a "preemption point": the running thread may go on, or give the GIL to a ready thread). Under the
  GIL model those are CPython 3.14's eval-breaker checks (entering a function, a loop going round, a built-in
  call returning), so `tmp = counter` / `counter = tmp + 1` cannot be split, exactly as on CPython; under the
  free-threaded model every bytecode is one, so even `counter += 1` can;
- whenever the running thread blocks, sleeps or ends and more than one thread is ready (a "free choice").

Points where only one thread can run are not decisions. Threads are numbered from the start of the run (or of
the explored function): 0 is the main thread, then 1, 2, ... in the order they were created.

A schedule is the model's tag and the list of threads chosen at the decisions, run-length encoded:
"gil:0x7,1x3,2,0x2" means, under the GIL model, thread 0 for 7 decisions, thread 1 for 3, thread 2 once,
thread 0 twice ("ft:" for free-threaded). A schedule recorded in one model means nothing in the other (the
decisions are other places), so replaying it there is refused; a schedule written by hand may leave the tag out.
After the list runs out, the default policy decides: the running thread goes on (but hands over after FAIR
decisions in a row, so a spin loop cannot starve the others for ever), and a free choice takes the thread that
has been ready longest. A recorded schedule is trimmed after its last decision that differs from the default, so
it is short and replays the same run.
"""

import re
import sys

from . import _clock, _points
from ._preempt import YES, PointFinder, switchable

TOOL = 3  # sys.monitoring tool id (CountedPreemption uses 4, SignalPreemption 5)
FAIR = 200
MAX_DECISIONS = 200_000
_TOKEN = re.compile(r"(\d{1,4})(?:x(\d{1,7}))?")


class ScheduleError(ValueError):
    pass


class GiveUp(BaseException):
    """Raised in every thread of a run that made more than MAX_DECISIONS decisions (an endless program)."""


def parse(text):
    """"gil:0x7,1x3,2" -> ("gil", [0]*7 + [1]*3 + [2]); the model is None when the string has no tag.
    Raises ScheduleError with a readable message."""
    if not isinstance(text, str):
        raise ScheduleError(f"a schedule is a string like 'gil:0x7,1x3,2', not {type(text).__name__}")
    text = text.strip()
    model = None
    if ":" in text:
        tag, _, body = text.partition(":")
        model = _points.MODEL_OF_TAG.get(tag.strip())
        if model is None:
            known = " or ".join(f"'{t}:'" for t in _points.TAGS.values())
            raise ScheduleError(f"bad schedule {text!r}: it should start with {known} (the interpreter model), not {tag.strip()!r}")
        text = body.strip()
    if not text:
        return model, []
    choices = []
    for part in text.split(","):
        m = _TOKEN.fullmatch(part.strip())
        if m is None:
            raise ScheduleError(
                f"bad schedule {text!r}: {part.strip()!r} should be THREAD or THREADxCOUNT, as in '0x7,1x3,2'"
            )
        count = int(m.group(2) or 1)
        if count < 1:
            raise ScheduleError(f"bad schedule {text!r}: a count must be at least 1 (in {part.strip()!r})")
        choices.extend([int(m.group(1))] * count)
        if len(choices) > MAX_DECISIONS:
            raise ScheduleError(f"schedule too long: more than {MAX_DECISIONS} decisions")
    return model, choices


def parse_for(text, model):
    """The choices of `text` for a run under `model`; refuses a schedule recorded under the other model."""
    recorded, choices = parse(text)
    if recorded is not None and recorded != model:
        raise ScheduleError(
            f"this schedule was recorded under the {_model_name(recorded)} model ({text.strip()[:40]}…) and this run "
            f"uses the {_model_name(model)} model: its decisions are at other places. Run it under the "
            f"{_model_name(recorded)} model (--model {recorded}), or record a new schedule under this one."
            if len(text.strip()) > 40
            else f"this schedule was recorded under the {_model_name(recorded)} model ({text.strip()}) and this run "
            f"uses the {_model_name(model)} model: its decisions are at other places. Run it under the "
            f"{_model_name(recorded)} model (--model {recorded}), or record a new schedule under this one."
        )
    return choices


def _model_name(model):
    return "GIL" if model == _points.GIL else "free-threaded"


def format(choices, model=_points.GIL):
    """[0,0,0,1,2,2] -> "gil:0x3,1,2x2"."""
    parts = []
    i = 0
    n = len(choices)
    while i < n:
        j = i
        while j < n and choices[j] == choices[i]:
            j += 1
        parts.append(str(choices[i]) if j - i == 1 else f"{choices[i]}x{j - i}")
        i = j
    return f"{_points.TAGS[model]}:" + ",".join(parts)


class Decision:
    __slots__ = ("chosen", "default", "options", "current", "kind")

    def __init__(self, chosen, default, options, current, kind):
        self.chosen = chosen  # label of the thread that ran next
        self.default = default  # what the default policy would have chosen
        self.options = options  # labels that could run, the running one (if any) first
        self.current = current  # label of the running thread at a preemption point, None at a free choice
        self.kind = kind  # which switch point (_points), or _points.BLOCKED at a free choice


class Chooser:
    """Decides who runs at each decision: the given prefix first, then a seeded random policy (`rng`) or the
    default one. Records every decision.

    The random policy is PCT-like (Burckhardt et al., ASPLOS 2010): it preempts at a few decisions picked at
    random among the first `horizon` (`preempt_at`), and makes every free choice at random. A few well-placed
    preemptions find most bugs; switching at every other line mostly repeats the same interleavings."""

    def __init__(self, sched, prefix=(), rng=None, preempt_at=(), model=_points.GIL):
        self.sched = sched
        self.model = model
        self.prefix = list(prefix)
        self.rng = rng
        self.preempt_at = frozenset(preempt_at)
        self.base = sched.last_index  # threads created from now on are 1, 2, ...
        self.log = []
        self.streak = 0
        self.preemptions = 0
        self.mismatch = None  # (decision index, wanted label, labels that could run) if the prefix did not fit
        self.gave_up = False
        self.stepper = None  # _step.Stepper in step mode: the learner picks at every pause point

    def proposal(self, options, current):
        """The thread decide() would pick with no one forcing it: the prefix's choice if it fits, else the
        default policy's (step mode shows it as the suggested next thread)."""
        if len(options) == 1:
            return options[0]
        i = len(self.log)
        if i < len(self.prefix):
            labels = [self.label(t) for t in options]
            if self.prefix[i] in labels:
                return options[labels.index(self.prefix[i])]
        if current is not None and self.streak >= FAIR:
            return options[1]
        return options[0]

    def label(self, t):
        return 0 if t.main else t.index - self.base

    def decide(self, options, current, forced=None, kind=None):
        """options: threads that could run (at a preemption point the running one first). Returns one of them.
        `forced`: the thread the learner picked in step mode (a prefix that says otherwise is dropped from here)."""
        i = len(self.log)
        if i >= MAX_DECISIONS:
            # Not raised here (this may be the scheduler's own bookkeeping): the next line of the learner's
            # code raises GiveUp, in every thread.
            self.gave_up = True
        labels = tuple(self.label(t) for t in options)
        if current is not None:
            default = options[0] if self.streak < FAIR else options[1]
        else:
            default = options[0]
        chosen = default
        if forced is not None:
            chosen = forced
            if i < len(self.prefix) and self.prefix[i] != self.label(forced):
                del self.prefix[i:]  # the learner left the schedule they were replaying
        elif i < len(self.prefix):
            want = self.prefix[i]
            if want in labels:
                chosen = options[labels.index(want)]
            else:
                self.mismatch = (i, want, labels)
                del self.prefix[i:]
        elif self.rng is not None:
            if current is None:
                chosen = options[self.rng.randrange(len(options))]
            elif i in self.preempt_at:
                chosen = options[1 + self.rng.randrange(len(options) - 1)]
        if current is not None and chosen is current:
            self.streak += 1
        else:
            self.streak = 0
            if current is not None:
                self.preemptions += 1
        self.log.append(
            Decision(
                self.label(chosen),
                self.label(default),
                labels,
                None if current is None else self.label(current),
                _points.BLOCKED if current is None else kind,
            )
        )
        return chosen

    def choices(self):
        return [d.chosen for d in self.log]

    def schedule(self):
        """The recorded schedule, trimmed after the last decision the default policy would not have made."""
        log = self.log
        end = 0
        for i, d in enumerate(log):
            if d.chosen != d.default:
                end = i + 1
        return format([d.chosen for d in log[:end]], self.model)


class SchedulePreemption:
    """The model's switch points in the learner's code, decided by the scheduler's chooser (sched.chooser).

    In step mode (`stepping`) every line start and every instruction of the learner's code is also a place the
    Stepper may pause at (without a decision unless it is a switch point of the model)."""

    ticks = 0
    skipped = 0

    def __init__(self, sched, model=_points.GIL, stepping=False):
        self.sched = sched
        self.model = model
        m = sys.monitoring
        if m.get_tool(TOOL) is not None:
            m.free_tool_id(TOOL)
        m.use_tool_id(TOOL, "interleave schedule")
        extra = 0
        on_instruction = None
        if stepping:
            e = m.events
            m.register_callback(TOOL, e.LINE, self._line)
            extra = e.LINE
            if model == _points.GIL:
                on_instruction = self._instruction  # called by the finder, which holds the INSTRUCTION event
                extra |= e.INSTRUCTION
        self.finder = PointFinder(TOOL, model, self._point, user_filter=None, on_instruction=on_instruction)
        self.finder.start(extra)

    def check(self, frame):
        """Ticks of the other preemption kinds: nothing to do, the chooser decides at switch points."""

    def _active(self):
        s = self.sched
        chooser = s.chooser
        if chooser is None or not s.in_green or s.current is None or s.killing:
            return None
        if chooser.gave_up:
            raise GiveUp()
        return chooser

    def _point(self, kind, depth, next_offset=None):
        """A switch point of the model (depth: frames from here's caller to the learner's frame)."""
        chooser = self._active()
        if chooser is None:
            return
        s = self.sched
        frame = sys._getframe(depth + 1)
        if switchable(frame) != YES:
            return
        # Virtual time passes with the points run, so sleeping threads wake up at a repeatable point.
        s.clock.advance(_clock.POINT_SECONDS)
        s._wake_expired(s.clock.now())
        cur = s.current
        stepper = chooser.stepper
        pick = None
        if stepper is not None:
            pick = stepper.point(chooser, [cur, *s.ready], cur, kind=kind, frame=frame, offset=frame.f_lasti, next_offset=next_offset)
        if not s.ready:
            return
        self.ticks += 1
        chosen = chooser.decide([cur, *s.ready], cur, pick, kind)
        if chosen is not cur:
            s.next_pick = chosen
            s.preempt(cur, kind, frame.f_lineno)

    def _line(self, code, line):
        return self._step_event(code, line, True, 2)

    def _instruction(self, code, offset):
        """GIL model, step mode: an instruction that is not a switch point (only the running thread goes on).
        Called by PointFinder._raise_deferred, the tool's INSTRUCTION callback."""
        return self._step_event(code, offset, False, 3)

    def _step_event(self, code, where, is_line, depth):
        """Step mode: a line start (`where` is the line) or an instruction (`where` is its offset) in `code`, which the
        Stepper may pause at when the learner's frame is somewhere a thread can be switched."""
        chooser = self._active()
        if chooser is None or chooser.stepper is None:
            return None
        if not self.finder._is_user(code):
            return sys.monitoring.DISABLE
        frame = sys._getframe(depth)  # the learner's frame: above this method and the monitoring callback(s)
        if switchable(frame) != YES:
            return None
        if is_line:
            self.sched.clock.advance(_clock.POINT_SECONDS)
            chooser.stepper.line(chooser, self.sched, frame, where)
        else:
            chooser.stepper.instruction(chooser, self.sched, frame, where)
        return None

    def close(self):
        m = sys.monitoring
        self.finder.stop()
        try:
            m.register_callback(TOOL, m.events.LINE, None)
            m.register_callback(TOOL, m.events.INSTRUCTION, None)
            m.free_tool_id(TOOL)
        except ValueError:
            pass
