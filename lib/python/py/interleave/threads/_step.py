"""Step mode: the learner is the scheduler. Execution pauses before every line of the learner's code (and at every
free choice, when the running thread blocks or ends and several threads could go on); the page shows each
thread's line, its locals and the shared globals, and the learner picks the thread that runs next.

A step-mode run is a schedule-mode run (see _schedule.py) with a Stepper on its Chooser:

- steps are numbered from 0 over the whole run: a step is one pause point, whether or not more than one thread
  could run there (a line of the only runnable thread is a step too, so the learner sees every line);
- `from_step`: steps before it are not paused at; the schedule prefix decides them as in any replay. That is how
  Undo and a shared link work: run again from the start with the choices made so far and pause from step N on;
- at a pause, the state goes to the page as a "step" trace (and the GIL timeline so far as a "threads" trace),
  and the run waits on a promise until the page answers with a thread label, FOLLOW (take the proposed choice),
  NEXT_DECISION (take proposals until a point where more than one thread could run) or RUN_ON (stop pausing;
  the schedule and then the default policy decide the rest). Stop also ends the wait (the worker resolves it).

Nothing here calls the learner's code: values are described from builtin types and instance dictionaries only
(a __repr__ of theirs could block, print or loop, in the middle of the scheduler's own bookkeeping).
"""

import json
import sys
import types

from . import _primitives
from ._core import BLOCKED, READY, RUNNING, SLEEPING
from ._report import is_user_file

RUN_ON = -1
FOLLOW = -2
NEXT_DECISION = -3
STOP = -4  # Stop was pressed during the pause (from the worker, not the page)

MAX_VARS = 16
MAX_TEXT = 80
MAX_ITEMS = 6


class Stepper:
    def __init__(self, sched, from_step, wait, on_stop):
        self.sched = sched
        self.on_stop = on_stop  # delivers Stop's KeyboardInterrupt (from a thread, at a line)
        self.stop_pending = False
        self.from_step = from_step
        self.wait = wait  # wait(state_json) -> the page's answer (an int), blocking this green thread
        self.count = 0  # steps passed so far
        self.active = True
        self.skipping = False  # NEXT_DECISION: follow proposals until more than one thread can run
        self.where = {}  # thread ident -> (frame, line) of its latest line of learner code
        self.emit = None  # emit(name, json) for traces (set by install)
        self.timeline = None  # () -> the "threads" trace so far

    def seen(self, t, frame, line):
        self.where[t.ident] = (frame, line)

    def point(self, chooser, options, current):
        """A pause point. options: threads that could run (the running one first at a line). Returns the thread
        the learner picked, or None to let the chooser decide (prefix or default policy)."""
        if self.stop_pending and current is not None:
            self.stop_pending = False
            self.on_stop()
        index = self.count
        self.count += 1
        if not self.active or index < self.from_step:
            return None
        if self.skipping and len(options) <= 1:
            return None
        self.skipping = False
        proposal = chooser.proposal(options, current)
        state = self.snapshot(chooser, options, current, proposal, index)
        if self.timeline is not None:
            try:
                self.emit("threads", json.dumps(self.timeline()))
            except Exception:  # noqa: BLE001 - the picture is a bonus
                pass
        self.emit("step", json.dumps(state))
        answer = self.wait()
        try:
            answer = int(answer)
        except (TypeError, ValueError):
            answer = RUN_ON
        if answer == RUN_ON or answer == STOP:
            self.active = False
            if answer == STOP:
                if current is None:
                    self.stop_pending = True  # in the scheduler's own bookkeeping: at the next line
                else:
                    self.on_stop()
            return None
        if answer == NEXT_DECISION:
            self.skipping = True
            return None
        if answer == FOLLOW:
            return None
        for t in options:
            if chooser.label(t) == answer:
                return t
        return None  # a thread that cannot run now: the proposal stands

    # ---- what the page shows ----

    def snapshot(self, chooser, options, current, proposal, index):
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
        state = {
            "step": index,
            "decisions": len(chooser.log),
            "decision": len(options) > 1,
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
            frame, line = seen
            out["file"] = frame.f_code.co_filename.rsplit("/", 1)[-1]
            out["line"] = line
            out["function"] = frame.f_code.co_name
            if frame.f_code.co_name != "<module>":
                try:
                    out["locals"] = _variables(frame.f_locals)
                except Exception:  # noqa: BLE001
                    out["locals"] = []
        else:
            target = _target(t)
            if target is not None:
                out["file"] = target.co_filename.rsplit("/", 1)[-1]
                out["line"] = target.co_firstlineno
                out["function"] = target.co_name
        return out

    def close(self):
        self.where.clear()


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
