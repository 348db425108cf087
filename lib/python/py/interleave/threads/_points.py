"""Where a thread may lose the GIL: the two interpreter models a run can follow.

- GIL (CPython 3.14, the default build): a running thread gives the GIL away only where the interpreter checks its
  "eval breaker" (Python/bytecodes.c, the _CHECK_PERIODIC micro-ops; see README.md in this folder for the lines):
  on entering a Python function (RESUME at its start) or resuming a generator after `yield`, on a loop's backward
  jump (JUMP_BACKWARD), and right after a call to a built-in returns (CALL and most of its specialisations end
  with the check; a few fast ones, such as len(), isinstance(), type(x) and list.append, do not) — and, of
  course, when it blocks or sleeps. Not after a Python function returns, not between the load, the add and the
  store of `counter += 1`.
- FREE_THREADED (CPython 3.14t): no GIL; threads run at once and interleave between any two bytecodes. Here (one
  core) it is simulated by switching between bytecodes: every instruction of the learner's code is a switch point.

The realistic mode needs none of this for GIL: the interpreter's own checks run our SIGUSR1 handler exactly there
(_preempt.SignalPreemption). Schedule mode, step mode, explore() and the seeded mode find the same points through
sys.monitoring events, with the table below standing in for the interpreter's specialisations.
"""

import sys
import types

GIL = "gil"
FREE_THREADED = "free-threaded"
MODELS = (GIL, FREE_THREADED)

# The short tag a schedule string carries ("gil:0x7,1x3"), and back.
TAGS = {GIL: "gil", FREE_THREADED: "ft"}
MODEL_OF_TAG = {v: k for k, v in TAGS.items()}

# What a switch point is, in the learner's words (the step panel, the timeline).
ENTRY = "entry"  # a Python function starts (RESUME at its start)
YIELD = "resume"  # a generator resumes after `yield`
BACK_EDGE = "loop"  # a loop jumps back (JUMP_BACKWARD)
AFTER_CALL = "call"  # a call to a built-in returned
BYTECODE = "bytecode"  # free-threaded: before any instruction
BLOCKED = "blocked"  # the running thread blocked, slept or ended: a free choice

DESCRIPTIONS = {
    ENTRY: "entering a function",
    YIELD: "resuming a generator after yield",
    BACK_EDGE: "a loop going round",
    AFTER_CALL: "a built-in call returning",
    BYTECODE: "between two bytecodes",
    BLOCKED: "the running thread blocked",
}


def normalize(model):
    """The model a run asked for (None: GIL). Raises ValueError with a readable message."""
    if model is None or model == GIL:
        return GIL
    if model in (FREE_THREADED, "ft", "freethreaded", "nogil"):
        return FREE_THREADED
    raise ValueError(f"unknown interpreter model {model!r}: use 'gil' (CPython 3.14) or 'free-threaded' (3.14t)")


# RESUME's oparg says where the frame resumes; CPython 3.14 checks the eval breaker only for the first two
# (Include/internal/pycore_code.h: RESUME_AT_FUNC_START 0, RESUME_AFTER_YIELD 1, RESUME_AFTER_YIELD_FROM 2,
# RESUME_AFTER_AWAIT 3; bytecodes.c _CHECK_PERIODIC_IF_NOT_YIELD_FROM: oparg < RESUME_AFTER_YIELD_FROM).
_RESUME_LOCATION_MASK = 3
_RESUME_AFTER_YIELD_FROM = 2


def resume_checks(code, offset):
    """PY_RESUME at `offset`: True when CPython checks its eval breaker there (after `yield`, not after
    `yield from` or `await`)."""
    raw = code.co_code
    if offset + 1 >= len(raw):
        return True
    return (raw[offset + 1] & _RESUME_LOCATION_MASK) < _RESUME_AFTER_YIELD_FROM


def _no_check_callables():
    """Built-ins whose specialised CALL does not end with the eval-breaker check in CPython 3.14 (CALL_LEN,
    CALL_ISINSTANCE, CALL_TYPE_1, CALL_LIST_APPEND: measured on CPython 3.14.2, see README.md). A CALL site runs
    unspecialised (with the check) only on its first execution; the model follows the steady state."""
    return frozenset(id(f) for f in (len, isinstance, type, list.append))


_NO_CHECK = _no_check_callables()


def call_checks(callable_, arg0):
    """C_RETURN of `callable_` (a call of something that is not a Python function): True when CPython 3.14 checks
    its eval breaker right after the call returns."""
    if id(callable_) in _NO_CHECK:
        return False
    if isinstance(callable_, type) and callable_.__new__ is object.__new__ and isinstance(callable_.__init__, types.FunctionType):
        # A class with a Python __init__ is called through CALL_ALLOC_AND_ENTER_INIT, which checks only at
        # __init__'s own entry, not after it returns.
        return False
    return True


def describe(kind):
    return DESCRIPTIONS.get(kind, kind)


def monitoring_events(model):
    """The sys.monitoring events at which the model's switch points are found."""
    e = sys.monitoring.events
    if model == FREE_THREADED:
        return e.INSTRUCTION
    # C_RETURN cannot be switched on by itself: it comes with CALL (its callback registered). PY_RETURN: the
    # runtime's own Python stands in for C functions (locks, time.sleep...), whose calls check after returning.
    return e.PY_START | e.PY_RESUME | e.JUMP | e.CALL | e.PY_RETURN
