"""What a blocked thread waits for, in the learner's words: for the timeline and the deadlock report.

A thread blocks deep inside the standard library (q.get() -> Condition.wait -> lock.acquire). The useful
description is the call the learner wrote: the outermost library frame below their own code (`Queue.get`), the
object it was called on (`q`, found by name in their frame), and the line.
"""

import linecache

# "<frozen ...>", and "<string>": code the standard library generates with exec (a namedtuple's __new__, a
# dataclass's __init__). The learner's program is always a file of theirs (runner.run_program writes it).
_STDLIB_PREFIXES = ("/lib/python", "<")
_PACKAGE_DIR = __file__.rsplit("/", 1)[0] + "/"
_RUNTIME_DIR = _PACKAGE_DIR.rsplit("/", 2)[0] + "/"  # .../interleave/


def is_user_file(filename):
    return not (filename.startswith(_STDLIB_PREFIXES) or filename.startswith(_RUNTIME_DIR))


class Wait:
    """Why a thread is blocked. Described lazily, but before the frames it points to move on."""

    __slots__ = ("kind", "obj", "frame", "_described")

    def __init__(self, kind, obj, frame):
        self.kind = kind  # "lock" | "join" | "shutdown" | "external"
        self.obj = obj
        self.frame = frame
        self._described = None

    def describe(self):
        d = self._described
        if d is None:
            d = self._described = _describe(self)
        return d

    def label(self):
        return self.describe()["label"]


_names = {}  # id(obj) -> name, per run (cleared by reset_names)


def reset_names():
    _names.clear()


def _find_name(obj, frame):
    key = id(obj)
    if key in _names:
        return _names[key]
    name = None
    if frame is not None:
        try:
            for k, v in frame.f_locals.items():
                if v is obj and k != "self":
                    name = k
                    break
            if name is None:
                for k, v in frame.f_globals.items():
                    if v is obj:
                        name = k
                        break
            if name is None:
                me = frame.f_locals.get("self")
                if me is not None and hasattr(me, "__dict__"):
                    for k, v in vars(me).items():
                        if v is obj:
                            name = f"self.{k}"
                            break
        except Exception:  # noqa: BLE001 - exotic frames or objects: fall back to no name
            name = None
    if name is None:
        return None
    _names[key] = name
    return name


def _kind_of(obj):
    cls = type(obj)
    mod = cls.__module__
    if mod == "_thread":
        return {"lock": "Lock", "RLock": "RLock", "_ThreadHandle": "thread"}.get(cls.__name__, cls.__name__)
    return cls.__name__


def _describe(wait):
    frame = wait.frame
    api = None  # the outermost library frame below the learner's code
    f = frame
    while f is not None:
        filename = f.f_code.co_filename
        if filename.startswith(_PACKAGE_DIR):
            f = f.f_back
            continue
        if is_user_file(filename):
            break
        api = f
        f = f.f_back
    user = f
    obj = wait.obj
    call = None
    if api is not None:
        call = api.f_code.co_qualname
        owner = api.f_locals.get("self")
        if owner is not None:
            obj = owner
        elif api.f_code.co_name in ("wait", "as_completed"):
            obj = None
    target = None
    if wait.kind in ("join", "shutdown") and wait.obj is not None:
        target = wait.obj._thread
        if obj is wait.obj and target is not None and target.thread_obj is not None:
            obj = target.thread_obj
    name = _find_name(obj, user) if obj is not None else None
    kind = _kind_of(obj) if obj is not None else None
    if call is None:
        call = {"lock": f"{kind or 'Lock'}.acquire", "join": "Thread.join"}.get(wait.kind, wait.kind)
    method = call.rsplit(".", 1)[-1]
    if name and method == "__enter__":
        label = f"with {name}:"
    elif name and wait.kind != "shutdown":
        label = f"{name}.{method}()"
    elif wait.kind == "shutdown":
        label = f"exit: waiting for {target.name if target is not None else 'threads'}"
    else:
        label = f"{call}()"
    where = None
    if user is not None:
        code = user.f_code
        where = {
            "file": code.co_filename,
            "line": user.f_lineno,
            "function": code.co_name,
            "source": linecache.getline(code.co_filename, user.f_lineno).strip(),
        }
    return {"label": label, "call": call, "name": name, "kind": kind, "obj": obj, "where": where}


def _thread_name(t):
    return t.name if t is not None else "?"


def _explain(s, t):
    """One blocked thread: what it waits for, who could release it, and (for the cycle) the thread it waits on."""
    if t.external:
        return {"waits": "an event outside Python (the asyncio loop)", "holder": None}
    wait = t.wait
    if t.state == "sleeping":
        return {"waits": "time.sleep()", "holder": None}
    if wait is None:
        return {"waits": "the GIL", "holder": None}
    d = wait.describe()
    call = d["call"]
    obj = d["obj"]
    ref = d["name"] or (f"a {d['kind']}" if d["kind"] else "an object")
    holder = None
    text = None
    raw = wait.obj
    if call.endswith(("Queue.get", "SimpleQueue.get")):
        text = f"an item in {ref} (it is empty)"
    elif call.endswith("Queue.put"):
        text = f"free space in {ref} (it is full)"
    elif call.endswith("Queue.join"):
        n = getattr(obj, "unfinished_tasks", "?")
        text = f"{ref}.task_done() ({n} unfinished task{'s' if n != 1 else ''})"
    elif call.endswith("Event.wait"):
        text = f"{ref}.set()"
    elif call.endswith(("Condition.wait", "Condition.wait_for")):
        text = f"{ref}.notify()"
    elif call.endswith("Semaphore.acquire"):
        text = f"{ref}.release() (its value is 0)"
    elif call.endswith("Barrier.wait"):
        try:
            text = f"the other parties at {ref} ({obj.n_waiting} of {obj.parties} arrived)"
        except Exception:  # noqa: BLE001
            text = f"the other parties at {ref}"
    elif call.endswith(("Future.result", "Future.exception")) or call in ("wait", "as_completed"):
        text = "a future's result"
    elif wait.kind == "shutdown":
        target = raw._thread if hasattr(raw, "_thread") else None
        holder = target
        text = f"{_thread_name(target)} to finish (the program has ended; CPython waits for non-daemon threads)"
    elif wait.kind == "join" or call.endswith("Thread.join"):
        target = raw._thread if hasattr(raw, "_thread") else None
        holder = target
        text = f"{_thread_name(target)} to finish"
    elif wait.kind == "socket":
        text = f"{d['label']} to return (a socket only this program could make ready)"
    elif wait.kind == "lock":
        owner = raw._owner
        holder = owner if owner is not None and owner is not t else None
        text = ref
        if hasattr(raw, "_owner") and owner is not None:
            text += f" (held by {_thread_name(owner)})" if owner is not t else " (which it holds itself)"
    return {"waits": text or ref, "holder": holder}


def deadlock_report(s):
    threads = sorted(s.threads.values(), key=lambda x: x.index)
    entries = []
    waits_on = {}
    for t in threads:
        info = _explain(s, t)
        where = t.wait.describe()["where"] if t.wait is not None else None
        label = t.wait.label() if t.wait is not None else None
        entries.append({"thread": t.name, "ident": t.ident, "waits": info["waits"], "call": label, "where": where})
        if info["holder"] is not None:
            waits_on[t] = info["holder"]
    cycle = _find_cycle(waits_on)
    return {
        "threads": entries,
        "cycle": [t.name for t in cycle] if cycle else None,
    }


def _find_cycle(edges):
    for start in edges:
        seen = []
        t = start
        while t in edges and t not in seen:
            seen.append(t)
            t = edges[t]
        if t in seen:
            return seen[seen.index(t):] + [t]
    return None


def format_deadlock(report):
    lines = ["", "Deadlock: every thread is waiting, and none of them can ever continue.", ""]
    for e in report["threads"]:
        lines.append(f"  {e['thread']} waits for {e['waits']}")
        where = e["where"]
        if where is not None:
            lines.append(f'    File "{where["file"]}", line {where["line"]}, in {where["function"]}')
            if where["source"]:
                lines.append(f"      {where['source']}")
    if report["cycle"]:
        lines.append("")
        lines.append("  Cycle: " + " -> ".join(report["cycle"]))
    lines.append("")
    lines.append("CPython would hang here for ever; Interleave stops the program instead.")
    lines.append("")
    return "\n".join(lines)
