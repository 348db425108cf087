"""Step mode: the learner is the scheduler. Execution pauses in the learner's code, the page shows each thread's
line (and, on request, the line's bytecodes with the instruction each thread runs next), its locals and the
shared globals, and the learner picks the thread that runs next wherever the interpreter model lets a thread
lose the GIL.

A step-mode run is a schedule-mode run (see _schedule.py) with a Stepper on its Chooser. The places it may pause
at ("steps", numbered from 0 over the whole run) are, in the order the interpreter meets them:

- every line of the learner's code starting (a LINE event),
- every instruction of the learner's code (an INSTRUCTION event),
- every switch point of the run's model (_points.py): under the GIL model a function entry, a loop going round,
  a built-in call returning; under the free-threaded model every instruction is one;
- every free choice (the running thread blocked, slept or ended while several threads could go on).

Which of them actually pause depends on the unit the learner steps by: "line" pauses at line starts, at switch
points where another thread could take over, and at free choices; "instruction" pauses at every one of them.
Numbering every step whatever the unit is what lets Undo and a shared link (a replay from the start with the
choices made so far, pausing at step N) land on the same instruction at either granularity.

At a pause the state goes to the page as a "step" trace (and the GIL timeline so far as a "threads" trace), and
the run waits on a promise until the page answers with a choice (a thread label; FOLLOW: the proposal;
NEXT_DECISION: follow proposals until more than one thread could run; RUN_ON: stop pausing) and the unit to step
by from there. A thread label is obeyed only at a switch point: elsewhere the GIL model does not let the running
thread go, which the page shows before the learner even asks ("refused" in the state says why). Stop also ends
the wait (the worker resolves it).

Nothing here calls the learner's code: values are described from builtin types and instance dictionaries only
(a __repr__ of theirs could block, print or loop, in the middle of the scheduler's own bookkeeping).
"""

import dis
import json
import opcode
import sys
import types

from . import _points, _primitives
from ._core import BLOCKED, READY, RUNNING, SLEEPING
from ._report import is_user_file

RUN_ON = -1
FOLLOW = -2
NEXT_DECISION = -3
STOP = -4  # Stop was pressed during the pause (from the worker, not the page)

LINE = "line"
INSTRUCTION = "instruction"
UNITS = (LINE, INSTRUCTION)

MAX_VARS = 16
MAX_TEXT = 80
MAX_ITEMS = 6

_JUMP_BACKWARD = opcode.opmap.get("JUMP_BACKWARD")


class Stepper:
    def __init__(self, sched, from_step, wait, on_stop, model=_points.GIL, unit=LINE):
        self.sched = sched
        self.model = model
        self.unit = unit if unit in UNITS else LINE
        self.on_stop = on_stop  # delivers Stop's KeyboardInterrupt (from a thread, at a line)
        self.stop_pending = False
        self.from_step = from_step
        self.wait = wait  # wait(state_json) -> the page's answer, blocking this green thread
        self.count = 0  # steps passed so far
        self.active = True
        self.skipping = False  # NEXT_DECISION: follow proposals until more than one thread can run
        self.where = {}  # thread ident -> (frame, line, next offset) of its latest step in the learner's code
        self.line_pending = set()  # free-threaded: idents whose line just started (its first instruction pauses)
        self.last_pause = None  # (thread ident, frame id, next offset, instructions executed) of the latest pause
        self.executed = 0  # instructions of the learner's code run so far (INSTRUCTION events)
        self.emit = None  # emit(name, json) for traces (set by install)
        self.timeline = None  # () -> the "threads" trace so far

    # ---- the events (called by _schedule.SchedulePreemption) ----

    def line(self, chooser, sched, frame, line):
        """A line of the learner's code starts (not a switch point in either model)."""
        cur = sched.current
        self.where[cur.ident] = (frame, line, frame.f_lasti)
        if self.model == _points.FREE_THREADED:
            # Its first instruction comes next, and is a switch point: the line's pause is there.
            self.line_pending.add(cur.ident)
            return
        index = self._next()
        if index is None:
            return
        self._pause(chooser, index, [cur], cur, "line", frame, frame.f_lasti)

    def instruction(self, chooser, sched, frame, offset):
        """GIL model: an instruction that is not a switch point (only the running thread can go on)."""
        cur = sched.current
        self.where[cur.ident] = (frame, frame.f_lineno, offset)
        index = self._next()
        if index is None or self.unit != INSTRUCTION:
            self.executed += 1
            return
        try:
            if frame.f_code.co_code[offset] == _JUMP_BACKWARD:
                return  # the loop's switch point (the JUMP event) comes next, at the same place: it pauses instead
            self._pause(chooser, index, [cur], cur, "instruction", frame, offset)
        finally:
            self.executed += 1

    def point(self, chooser, options, current, kind=_points.BLOCKED, frame=None, offset=None, next_offset=None):
        """A switch point of the model (current: the running thread, first in options) or a free choice
        (current None). Returns the thread the learner picked, or None to let the chooser decide."""
        if self.stop_pending and current is not None:
            self.stop_pending = False
            self.on_stop()
        if frame is not None:
            nxt = _next_offset(frame.f_code, kind, offset, next_offset)
            # The line of the instruction it runs next (a loop's back-edge goes on at the loop's first line).
            line = _line_at(frame.f_code, nxt) or frame.f_lineno or frame.f_code.co_firstlineno or 1
            self.where[current.ident] = (frame, line, nxt)
        index = self._next()
        if index is None:
            if kind == _points.BYTECODE:
                self.executed += 1
            return None
        if current is None:
            pause = len(options) > 1
        elif self.unit == INSTRUCTION:
            pause = True
        elif self.model == _points.FREE_THREADED:
            # By line, a free-threaded run pauses at each line's first bytecode; "next choice" at any decision.
            pause = current.ident in self.line_pending or (self.skipping and len(options) > 1)
        else:
            pause = len(options) > 1
        if current is not None:
            self.line_pending.discard(current.ident)
        try:
            if not pause or (self.skipping and len(options) <= 1):
                return None
            return self._pause(chooser, index, options, current, kind, frame, offset)
        finally:
            if kind == _points.BYTECODE:
                self.executed += 1  # the instruction about to run

    # ---- pausing ----

    def _next(self):
        """Count a step; None when it is not one to pause at (replayed, or the learner let the run go on)."""
        index = self.count
        self.count += 1
        if not self.active or index < self.from_step:
            return None
        return index

    def _pause(self, chooser, index, options, current, kind, frame, offset):
        if self.skipping and len(options) <= 1:
            return None
        here = None
        if current is not None:
            seen = self.where.get(current.ident)
            here = (current.ident, id(seen[0]) if seen else None, seen[2] if seen else None, self.executed)
            if len(options) <= 1 and here == self.last_pause:
                # Nothing ran since the last pause, at this very place (a function entered, then its first line
                # starting, then that line's first instruction): one pause is enough.
                return None
        self.last_pause = here
        self.skipping = False
        proposal = chooser.proposal(options, current)
        state = self.snapshot(chooser, options, current, proposal, index, kind)
        if self.timeline is not None:
            try:
                self.emit("threads", json.dumps(self.timeline()))
            except Exception:  # noqa: BLE001 - the picture is a bonus
                pass
        self.emit("step", json.dumps(state))
        choice, unit = _read_answer(self.wait())
        if unit in UNITS:
            self.unit = unit
        if choice == RUN_ON or choice == STOP:
            self.active = False
            if choice == STOP:
                if current is None:
                    self.stop_pending = True  # in the scheduler's own bookkeeping: at the next step
                else:
                    self.on_stop()
            return None
        if choice == NEXT_DECISION:
            self.skipping = True
            return None
        if choice == FOLLOW:
            return None
        for t in options:
            if chooser.label(t) == choice:
                return t
        return None  # a thread that cannot run here (not a switch point, or blocked): the proposal stands

    # ---- what the page shows ----

    def snapshot(self, chooser, options, current, proposal, index, kind):
        global _label_of
        sched = self.sched
        _owner_threads.clear()
        _owner_threads.update(sched.threads)
        _label_of = chooser.label
        labels = [chooser.label(t) for t in options]
        threads = []
        for t in sorted(sched.threads.values(), key=lambda x: x.index):
            threads.append(self._thread(chooser, t, current))
        main = sys.modules.get("__main__")
        switch = current is None or (kind not in ("line", "instruction"))
        state = {
            "step": index,
            "decisions": len(chooser.log),
            "preemptions": chooser.preemptions,
            "decision": len(options) > 1,
            "model": self.model,
            "unit": self.unit,
            # Where the run is paused: a line starting, an instruction, a switch point (_points kinds) or a free
            # choice ("blocked"), and whether another thread may take over here.
            "kind": kind,
            "switchPoint": switch,
            "why": _why(self.model, kind, switch),
            "schedule": chooser.schedule(),
            "options": labels,
            "proposal": chooser.label(proposal),
            "current": None if current is None else chooser.label(current),
            "threads": threads,
            "globals": _variables(main.__dict__ if main is not None else {}),
        }
        _owner_threads.clear()
        _label_of = None
        return state

    def _thread(self, chooser, t, current):
        state = t.state
        if t is current:
            state = RUNNING
        elif state == RUNNING:
            state = READY  # a free choice: the thread that gave the GIL away is described by its own state
        out = {"label": chooser.label(t), "name": t.name, "state": state, "started": bool(t.started)}
        if state == BLOCKED and t.wait is not None:
            try:
                out["waiting"] = str(t.wait.label())[:200]
            except Exception:  # noqa: BLE001
                out["waiting"] = "something"
        elif state == SLEEPING:
            out["waiting"] = "time.sleep"
        seen = self.where.get(t.ident)
        if seen is not None:
            frame, line, offset = seen
            code = frame.f_code
            out["file"] = code.co_filename.rsplit("/", 1)[-1]
            out["line"] = line
            out["function"] = code.co_name
            if code.co_name != "<module>":
                try:
                    out["locals"] = _variables(frame.f_locals)
                except Exception:  # noqa: BLE001
                    out["locals"] = []
            if offset is not None and line is not None:
                out["offset"] = offset
                out["bytecode"] = _bytecode(code, line, self.model)
        else:
            target = _target(t)
            if target is not None:
                out["file"] = target.co_filename.rsplit("/", 1)[-1]
                out["line"] = target.co_firstlineno
                out["function"] = target.co_name
        return out

    def close(self):
        self.where.clear()
        self.line_pending.clear()


def _read_answer(answer):
    """The page's answer: a number (the choice), or an object {choice, unit}."""
    unit = None
    choice = answer
    if not isinstance(answer, (int, float, str)) and answer is not None:
        try:
            choice = answer.choice
            unit = getattr(answer, "unit", None)
        except AttributeError:
            choice = RUN_ON
    try:
        choice = int(choice)
    except (TypeError, ValueError):
        choice = RUN_ON
    return choice, (str(unit) if unit is not None else None)


def _why(model, kind, switch):
    if kind == _points.BLOCKED:
        return "the running thread blocked, slept or ended: any ready thread may take the GIL"
    if model == _points.FREE_THREADED:
        return "free-threaded: there is no GIL, another thread may run between any two bytecodes"
    if switch:
        return f"a switch point: {_points.describe(kind)} (CPython checks whether another thread asked for the GIL)"
    return (
        "not a switch point: with the GIL, CPython lets another thread run only on entering a function, when a loop "
        "goes round, or when a built-in call returns (or when this thread blocks)"
    )


def _next_offset(code, kind, offset, next_offset):
    """The instruction a thread paused at a switch point runs next."""
    if next_offset is not None:
        return next_offset
    if offset is None:
        return None
    if kind in (_points.AFTER_CALL, _points.ENTRY, _points.YIELD):
        # After the call (or the RESUME): the next instruction of the code.
        for ins in _instructions(code):
            if ins[0] > offset:
                return ins[0]
    return offset


def _line_at(code, offset):
    """The line of the first instruction at or after `offset` that has one."""
    if offset is None:
        return None
    for ins_offset, _name, _arg, line in _instructions(code):
        if ins_offset >= offset and line:
            return line
    return None


_code_cache = {}


def _instructions(code):
    """(offset, opname, argrepr, line) of every instruction of `code` (cached per code object)."""
    found = _code_cache.get(code)
    if found is None:
        if len(_code_cache) > 500:
            _code_cache.clear()
        found = _code_cache[code] = tuple(
            (ins.offset, ins.opname, ins.argrepr, ins.line_number) for ins in dis.get_instructions(code)
        )
    return found


# Why each instruction is, or is not, a place where CPython 3.14 with the GIL may hand the GIL over
# (README.md in this folder quotes Python/bytecodes.c for each).
_GIL_NOTES = {
    "RESUME": "switch point: entering the function (or resuming after yield) checks for a GIL request",
    "JUMP_BACKWARD": "switch point: the loop going round checks for a GIL request",
    "CALL": "switch point when the call returns, if it called a built-in (not len, isinstance, type or list.append); a Python function's own entry is one",
    "CALL_KW": "switch point when the call returns, if it called a built-in; a Python function's own entry is one",
    "CALL_FUNCTION_EX": "switch point when the call returns, if it called a built-in; a Python function's own entry is one",
}
_GIL_NOT = "not a switch point: the GIL is not given up between this instruction and the next"
_FT_NOTE = "free-threaded: another thread may run right before this instruction"


def _bytecode(code, line, model):
    out = []
    for offset, name, arg, ins_line in _instructions(code):
        if ins_line != line:
            continue
        if model == _points.FREE_THREADED:
            note, switch = _FT_NOTE, name != "RESUME"
        else:
            note = _GIL_NOTES.get(name)
            switch = note is not None
            note = note or _GIL_NOT
        out.append({"offset": offset, "op": name, "arg": arg[:40], "switch": switch, "note": note})
        if len(out) >= 40:
            break
    return out


def _target(t):
    obj = t.thread_obj
    if obj is None:
        obj = getattr(t.func, "__self__", None)
    fn = getattr(obj, "_target", None) if obj is not None else None
    fn = getattr(fn, "__func__", fn)
    code = getattr(fn, "__code__", None)
    if code is not None and is_user_file(code.co_filename):
        return code
    return None


_HIDDEN_TYPES = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)


def _variables(mapping):
    out = []
    try:
        items = list(mapping.items())
    except Exception:  # noqa: BLE001
        return out
    for name, value in items:
        if not isinstance(name, str) or name.startswith("__") or name == "_" or isinstance(value, _HIDDEN_TYPES):
            continue
        out.append([name, show(value)])
        if len(out) >= MAX_VARS:
            break
    return out


def _clip(text):
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def show(value, depth=0):
    """A short description of value without running any of the learner's code."""
    kind = type(value)
    if value is None or kind in (bool, int, float, complex):
        if kind is int and value.bit_length() > 200:
            return f"<int of {value.bit_length()} bits>"
        return _clip(repr(value))
    if kind in (str, bytes):
        return _clip(repr(value))
    if kind in (list, tuple, set, frozenset):
        if depth >= 2:
            return f"<{kind.__name__} of {len(value)}>"
        items = [show(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
        more = ", …" if len(value) > MAX_ITEMS else ""
        body = ", ".join(items) + more
        if kind is list:
            return _clip(f"[{body}]")
        if kind is tuple:
            return _clip(f"({body}{',' if len(value) == 1 else ''})")
        return _clip(f"{{{body}}}" if value else f"{kind.__name__}()")
    if kind is dict:
        if depth >= 2:
            return f"<dict of {len(value)}>"
        pairs = [f"{show(k, depth + 1)}: {show(v, depth + 1)}" for k, v in list(value.items())[:MAX_ITEMS]]
        return _clip("{" + ", ".join(pairs) + (", …" if len(value) > MAX_ITEMS else "") + "}")
    module = getattr(kind, "__module__", "") or ""
    name = getattr(kind, "__qualname__", kind.__name__)
    locked = _lock_state(value)
    if locked is not None:
        return locked
    if module in ("threading", "queue") or module.startswith("interleave"):
        return f"<{name}>"
    attrs = getattr(value, "__dict__", None)
    if isinstance(attrs, dict) and depth < 2:
        fields = [f"{k}={show(v, depth + 1)}" for k, v in list(attrs.items())[:MAX_ITEMS] if isinstance(k, str) and not k.startswith("_")]
        return _clip(f"{name}({', '.join(fields)})")
    return f"<{name} object>"


def _lock_state(value):
    """Locks and RLocks of the thread runtime: whether they are held, and by which thread."""
    kind = type(value)
    if kind is _primitives.lock:
        owner = value._owner if value._locked else None
        return f"<Lock: {_held_by(owner)}>" if value._locked else "<Lock: unlocked>"
    if kind is _primitives.RLock:
        if not value._count:
            return "<RLock: unlocked>"
        owner = _owner_threads.get(value._owner)
        return f"<RLock: {_held_by(owner)}, {value._count} deep>"
    return None


_owner_threads = {}  # ident -> GreenThread, while a snapshot is taken
_label_of = None


def _held_by(t):
    if t is None or _label_of is None:
        return "locked"
    return f"held by thread {_label_of(t)}"
