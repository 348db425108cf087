"""The "process" trace: each process, as it ends, sends its threads' timeline placed on the wall clock, so the
page can draw one lane per process (and its threads under it) and show processes running at the same time on
different cores (lib/python/traces/threads.ts, components/runner/thread-timeline.tsx)."""

import json
import time

from . import _host

_wall = time.time  # taken before a run can replace it


def emit(name):
    try:
        import interleave.threads as threads
        import interleave_host
    except ImportError:
        return
    run = threads._run
    if run is None or run.sched is None or run.sched.clock.virtual:
        return
    sched = run.sched
    timeline = sched.timeline
    now = sched.clock.now()
    data = timeline.export(now, {})
    trace = {
        "version": 1,
        "pid": _host.pid,
        "ppid": _host.ppid,
        "name": name,
        "startEpochMs": _wall() * 1000 - (now - timeline.t0) * 1000,
        "durationMs": (now - timeline.t0) * 1000,
        "threads": data["threads"],
    }
    try:
        interleave_host.trace("process", json.dumps(trace))
    except Exception:  # noqa: BLE001 - the picture is a bonus; never fail the run over it
        pass
