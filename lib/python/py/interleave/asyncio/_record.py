"""Records what the event loop does, for the page's event-loop picture (the "asyncio" trace).

One step per loop iteration that ran callbacks: the ready queue as the iteration began (the tasks and callbacks it
would run, in order), what each task did (its new state: ready again, waiting and on what, or done; and the
learner's line it stopped at), and the nearest pending timers. Tasks are listed with who created them. It is cheap
when nothing runs and stops itself past a size limit (`truncated`), after which the loop runs at full speed.
"""

import asyncio.futures as futures
import functools
import asyncio.tasks as tasks
import heapq
import linecache
import os
import time
import weakref

MAX_STEPS = 1500
MAX_TASKS = 400
MAX_RAN = 120  # callbacks described per step (the rest are counted)
MAX_TIMERS = 8  # nearest timers listed per step
WORKDIR = "/home/pyodide"
_ASYNCIO_DIR = os.path.dirname(tasks.__file__) + "/"

_KINDS_BY_TYPE = {
    "Lock": "lock",
    "Event": "event",
    "Condition": "condition",
    "Semaphore": "semaphore",
    "BoundedSemaphore": "semaphore",
    "Barrier": "barrier",
    "Queue": "queue",
    "PriorityQueue": "queue",
    "LifoQueue": "queue",
}


# Callbacks the selector event loop runs when a socket is ready, in words.
_SOCKET_CALLBACKS = {
    "_SelectorSocketTransport._read_ready": "socket readable: the transport reads",
    "_SelectorSocketTransport._write_ready": "socket writable: the transport writes",
    "_SelectorDatagramTransport._read_ready": "datagram arrived: the transport reads",
    "_SelectorDatagramTransport._sendto_ready": "socket writable: the transport sends",
    "BaseSelectorEventLoop._accept_connection": "listening socket readable: a connection is accepted",
    "BaseSelectorEventLoop._sock_recv": "socket readable: sock_recv",
    "BaseSelectorEventLoop._sock_recv_into": "socket readable: sock_recv_into",
    "BaseSelectorEventLoop._sock_recvfrom": "socket readable: sock_recvfrom",
    "BaseSelectorEventLoop._sock_sendall": "socket writable: sock_sendall",
    "BaseSelectorEventLoop._sock_sendto": "socket writable: sock_sendto",
    "BaseSelectorEventLoop._sock_accept": "listening socket readable: sock_accept",
    "BaseSelectorEventLoop._sock_connect_cb": "socket writable: connected",
    "InterleaveEventLoop._sock_connect_cb": "socket writable: connected",
}

# Frames of the selector event loop and of streams where a task waits for a socket to be ready.
_SOCKET_WAITS = {
    ("selector_events", "sock_recv"): "loop.sock_recv()",
    ("selector_events", "sock_recv_into"): "loop.sock_recv_into()",
    ("selector_events", "sock_recvfrom"): "loop.sock_recvfrom()",
    ("selector_events", "sock_recvfrom_into"): "loop.sock_recvfrom_into()",
    ("selector_events", "sock_sendall"): "loop.sock_sendall()",
    ("selector_events", "sock_sendto"): "loop.sock_sendto()",
    ("selector_events", "sock_connect"): "connect()",
    ("selector_events", "sock_accept"): "loop.sock_accept()",
    ("base_events", "_create_connection_transport"): "connect()",
    ("streams", "_drain_helper"): "writer.drain()",
    ("streams", "drain"): "writer.drain()",
    ("streams", "wait_closed"): "writer.wait_closed()",
    ("base_events", "serve_forever"): "server.serve_forever()",
    ("base_events", "wait_closed"): "server.wait_closed()",
    ("base_events", "sock_sendfile"): "loop.sock_sendfile()",
}


def _socket_wait(module, name, frame, outer):
    """{"kind": "socket", ...} when the innermost asyncio frame of a task waits on a socket's readiness."""
    if module == "streams" and name == "_wait_for_data":
        what = frame.f_locals.get("func_name") or "read"
        if outer is not None and outer.f_code.co_name in ("read", "readline", "readexactly", "readuntil"):
            what = outer.f_code.co_name  # readline() waits inside readuntil(): say what the learner called
        return {"kind": "socket", "label": f"reader.{what}()"}
    label = _SOCKET_WAITS.get((module, name))
    if label is None:
        return None
    return {"kind": "socket", "label": label}


def _frame_and_next(obj):
    """(frame, awaited) of a coroutine, generator or async generator; (None, None) for anything else."""
    frame = getattr(obj, "cr_frame", None)
    if frame is not None:
        return frame, obj.cr_await
    frame = getattr(obj, "gi_frame", None)
    if frame is not None:
        return frame, obj.gi_yieldfrom
    frame = getattr(obj, "ag_frame", None)
    if frame is not None:
        return frame, obj.ag_await
    return None, None


class Recorder:
    def __init__(self, filename):
        self.filename = filename
        self.start = time.monotonic()
        self.loops = 0
        self.tasks = []  # dicts, index = id - 1
        # task -> our id. Weak: recording must not keep a task alive ("Task was destroyed but it is pending!").
        self.ids = weakref.WeakKeyDictionary()
        self.steps = []
        self.truncated = False
        self.waiter_owner = weakref.WeakKeyDictionary()  # future a task waits on -> task id
        self._pending = None  # the handles an iteration will run, between before_callbacks and after_callbacks
        self._again = set()
        self._kinds = {}
        self._outer = None
        self.active = True

    # ---- hooks called by the loop ----

    def attach(self, loop):
        self.loops += 1
        loop._record_index = self.loops
        return self

    def task_created(self, loop, task):
        if not self.active or self._internal(task):
            return
        parent = tasks.current_task(loop)
        self._register(task, self._id(parent) if parent is not None else None)

    def before_callbacks(self, loop):
        if not self.active:
            return
        end = loop.time() + loop._clock_resolution
        # Not the loop's own wake-ups (a byte on its self-pipe from call_soon_threadsafe): they are no step of the
        # program's.
        self_pipe = getattr(loop, "_read_from_self", None)
        ready = [h for h in loop._ready if not h._cancelled and h._callback != self_pipe]
        if loop._scheduled:
            due = [h for h in loop._scheduled if h._when < end and not h._cancelled]
            if due:
                due.sort(key=lambda h: h._when)
                ready.extend(due)
        self._pending = ready

    def after_callbacks(self, loop):
        ready = self._pending
        self._pending = None
        if not self.active:
            loop._recorder = None  # stopped (a limit was reached): the loop runs without hooks from now on
            return
        if not ready:
            return
        if len(self.steps) >= MAX_STEPS:
            self._stop()
            return
        index = len(self.steps)
        # Tasks scheduled again during this iteration (sleep(0) and the like): ready, not waiting.
        again = set()
        for h in loop._ready:
            owner = getattr(h._callback, "__self__", None)
            if owner is not None:
                again.add(id(owner))
        self._again = again
        queue = []
        ran = []
        seen = set()
        for handle in ready:
            if handle._callback is None:
                continue  # cancelled while the iteration ran it (its callback is gone)
            task = self._owner(handle)
            if task is not None and self._internal(task):
                continue  # asyncio.run's own clean-up tasks (shutdown_asyncgens, shutdown_default_executor)
            if task is None:
                queue.append(0)
                if len(ran) < MAX_RAN:
                    ran.append(self._callback_entry(handle))
                continue
            tid = self._register(task, None)
            queue.append(tid or 0)
            if tid is None or tid in seen:
                continue
            seen.add(tid)
            if len(ran) < MAX_RAN:
                ran.append(self._task_entry(loop, task, tid, index))
        if not queue:
            return
        step = {
            "loop": getattr(loop, "_record_index", 1),
            "t": self._ms(),
            "ready": queue[:MAX_RAN],
            "readyTotal": len(queue),
            "ran": ran,
        }
        timers = [h for h in loop._scheduled if not h._cancelled]
        step["timersTotal"] = len(timers)
        step["timers"] = [self._timer_entry(loop, h) for h in heapq.nsmallest(MAX_TIMERS, timers, key=lambda h: h._when)]
        self.steps.append(step)

    def loop_closed(self, loop):
        pass

    # ---- helpers ----

    def _stop(self):
        self.truncated = True
        self.active = False

    def _ms(self):
        return round((time.monotonic() - self.start) * 1000, 3)

    def _register(self, task, parent):
        tid = self._id(task)
        if tid is not None:
            return tid
        if len(self.tasks) >= MAX_TASKS:
            self._stop()  # past the limit the picture would mislead; the loop goes on at full speed
            return None
        tid = len(self.tasks) + 1
        self.ids[task] = tid
        self.tasks.append(
            {
                "id": tid,
                "name": task.get_name(),
                "parent": parent,
                "created": len(self.steps),
                "createdMs": self._ms(),
                "coro": getattr(task.get_coro(), "__qualname__", None) or type(task.get_coro()).__name__,
                "done": None,
                "outcome": None,
            }
        )
        return tid

    def _kind(self, code):
        """1: the learner's code, 2: asyncio's, 0: anything else (cached per code object)."""
        key = id(code)  # code objects hash by content, which is slow
        kind = self._kinds.get(key)
        if kind is None:
            filename = code.co_filename
            kind = self._kinds[key] = 1 if self._mine(filename) else 2 if filename.startswith(_ASYNCIO_DIR) else 0
        return kind

    def _internal(self, task):
        code = getattr(task.get_coro(), "cr_code", None)
        return code is not None and self._kind(code) == 2

    def _id(self, obj):
        try:
            return self.ids.get(obj)
        except TypeError:
            return None

    @staticmethod
    def _owner(handle):
        owner = getattr(handle._callback, "__self__", None)
        if isinstance(owner, futures.Future) and isinstance(owner, tasks.Task):
            return owner
        return None

    def _mine(self, filename):
        return filename == self.filename or filename.startswith(WORKDIR + "/")

    def _callback_entry(self, handle):
        cb = handle._callback
        if isinstance(cb, functools.partial):
            cb = cb.func
        name = getattr(cb, "__qualname__", None) or type(cb).__name__
        name = _SOCKET_CALLBACKS.get(name, name)
        if cb is futures._set_result_unless_cancelled and handle._args:
            try:
                tid = self.waiter_owner.get(handle._args[0])
            except TypeError:
                tid = None
            owner = self.tasks[tid - 1]["name"] if tid else None
            name = f"sleep timer of {owner}" if owner else "sleep timer"
        code = getattr(cb, "__code__", None)
        line = code.co_firstlineno if code is not None and self._mine(code.co_filename) else None
        return {"task": 0, "label": str(name)[:80], "line": line, "state": "done", "on": None}

    def _task_entry(self, loop, task, tid, index):
        info = self.tasks[tid - 1]
        done = task.done()
        waiting = not done and id(task) not in self._again
        line, inner, awaited = self._where(task)
        on = self._describe(loop, inner, awaited) if waiting else None
        entry = {"task": tid, "label": info["name"], "line": line}
        if done:
            entry["state"] = "done"
            entry["on"] = None
            info["done"] = index
            if task.cancelled():
                info["outcome"] = "cancelled"
            elif getattr(task, "_exception", None) is not None:
                # Not task.exception(): that marks the error as retrieved, and asyncio would no longer say
                # "Task exception was never retrieved".
                exc = task._exception
                info["outcome"] = "exception"
                info["error"] = f"{type(exc).__name__}: {exc}"[:200]
            else:
                info["outcome"] = "result"
        elif not waiting:
            entry["state"] = "ready"
            entry["on"] = None
        else:
            entry["state"] = "waiting"
            entry["on"] = on
            waiter = task._fut_waiter
            if waiter is not None:
                try:
                    self.waiter_owner[waiter] = tid
                except TypeError:
                    pass
        return entry

    def _where(self, task):
        """(learner's line the task stopped at, innermost asyncio frame, what it awaits) from its chain of awaits.
        Also keeps in self._outer the first asyncio frame below the learner's deepest one (the call they wrote)."""
        line = None
        inner = None
        outer = None
        obj = task.get_coro()
        for _ in range(64):
            frame, nxt = _frame_and_next(obj)
            if frame is None:
                break
            kind = self._kind(frame.f_code)
            if kind == 1:
                line = frame.f_lineno
                outer = None
            elif kind == 2:
                inner = frame
                if outer is None:
                    outer = frame
            obj = nxt
            if obj is None:
                break
        waiter = task._fut_waiter
        self._outer = outer
        return line, inner, (waiter if waiter is not None else obj)

    def _describe(self, loop, inner, awaited):
        if inner is not None:
            name = inner.f_code.co_name
            module = os.path.basename(inner.f_code.co_filename)[:-3]
            if module == "tasks" and name == "sleep":
                delay = inner.f_locals.get("delay")
                return {"kind": "sleep", "label": f"sleep({delay!r})"}
            if module == "threads" and name == "to_thread":
                fn = inner.f_locals.get("func")
                return {"kind": "thread", "label": f"to_thread({getattr(fn, '__name__', '?')})"}
            if module in ("locks", "queues"):
                owner = inner.f_locals.get("self")
                tname = type(owner).__name__ if owner is not None else module
                kind = _KINDS_BY_TYPE.get(tname, "lock" if module == "locks" else "queue")
                return {"kind": kind, "label": f"{tname}.{name}()"}
            if module == "taskgroups":
                owner = inner.f_locals.get("self")
                children = [i for i in (self._id(t) for t in getattr(owner, "_tasks", ())) if i]
                return {"kind": "taskgroup", "label": "TaskGroup (waiting for its tasks)", "tasks": children[:50]}
            if module == "tasks" and name in ("wait", "_wait", "wait_for", "as_completed", "_wait_for_one", "shield"):
                return {"kind": "wait", "label": f"asyncio.{name.lstrip('_')}()"}
            socket_wait = _socket_wait(module, name, inner, self._outer)
            if socket_wait is not None:
                return socket_wait
        if isinstance(awaited, tasks.Task):
            tid = self._id(awaited)
            return {"kind": "task", "label": f"await {awaited.get_name()}", "tasks": [tid] if tid else []}
        children = getattr(awaited, "_children", None)
        if children is not None:  # gather's future
            ids = [i for i in (self._id(c) for c in children) if i]
            return {"kind": "gather", "label": f"gather({len(children)})", "tasks": ids[:50]}
        if awaited is not None and awaited in getattr(loop, "_executor_futures", ()):
            return {"kind": "thread", "label": "run_in_executor"}
        if awaited is not None:
            return {"kind": "future", "label": type(awaited).__name__}
        return {"kind": "other", "label": "?"}

    def _timer_entry(self, loop, handle):
        at = round((handle._when - loop.time()) * 1000 + self._ms(), 3)
        cb = handle._callback
        entry = {"at": at, "label": "", "task": None}
        if cb is futures._set_result_unless_cancelled and handle._args:
            try:
                tid = self.waiter_owner.get(handle._args[0])
            except TypeError:
                tid = None
            entry["label"] = "sleep ends"
            entry["task"] = tid
            return entry
        owner = self._owner(handle)
        if owner is not None:
            entry["task"] = self._id(owner)
        name = getattr(cb, "__qualname__", None) or type(cb).__name__
        entry["label"] = "timeout" if "_on_timeout" in str(name) else str(name)[:80]
        return entry

    # ---- result ----

    def _source(self):
        """The learner's lines the picture points at, so it can show them without the program's text."""
        wanted = set()
        for step in self.steps:
            for entry in step["ran"]:
                if entry["line"]:
                    wanted.add(entry["line"])
        out = {}
        for n in sorted(wanted)[:400]:
            text = linecache.getline(self.filename, n).strip()
            if text:
                out[str(n)] = text[:200]
        return out

    def export(self):
        return {
            "source": self._source(),
            "version": 1,
            "file": self.filename,
            "loops": self.loops,
            "durationMs": self._ms(),
            "truncated": self.truncated,
            "limits": {"steps": MAX_STEPS, "tasks": MAX_TASKS, "ranPerStep": MAX_RAN, "timersPerStep": MAX_TIMERS},
            "tasks": self.tasks,
            "steps": self.steps,
        }
