"""The GIL timeline: when each thread ran, waited for the GIL, slept or blocked (and on what), and finished.

Recorded as state changes while the program runs (cheap appends), turned into per-thread segments at the end.
The exported shape is what Timeline.export returns (a "threads" trace event; see README.md in this folder).
"""

FORMAT_VERSION = 1
SWITCH_POINTS = 2000  # preemptions drawn on the timeline (each with where it happened); the rest are counted


class Timeline:
    def __init__(self, t0, limit=40000):
        self.t0 = t0
        self.limit = limit
        self.threads = []  # GreenThread, by index
        self.started = {}  # index -> ms
        self.ended = {}  # index -> ms
        self.events = []  # (ms, index, state, label)
        self.preemptions = {}  # index -> count
        self.switch_points = []  # [ms, thread index, kind, line] of each preemption (the first SWITCH_POINTS)
        self.switch_kinds = {}  # kind -> preemptions there
        self.marks = []  # {"at": ms, "kind": ..., ...}
        self.truncated = False
        self.deadlock_report = None

    def _ms(self, now):
        # To the nanosecond: in schedule mode the virtual clock moves 0.1 µs per line (_clock.POINT_SECONDS), and
        # microseconds would round a thread's few lines away.
        return round((now - self.t0) * 1000.0, 6)

    def thread_started(self, t, now):
        self.threads.append(t)
        self.started[t.index] = self._ms(now)

    def thread_finished(self, t, now):
        ms = self._ms(now)
        self.ended[t.index] = ms
        self._add(ms, t.index, "done", None)

    def state(self, t, state, wait, now):
        label = None
        if wait is not None:
            label = wait if isinstance(wait, str) else wait.label()
        self._add(self._ms(now), t.index, state, label)

    def _add(self, ms, index, state, label):
        if len(self.events) >= self.limit:
            self.truncated = True
            return
        self.events.append((ms, index, state, label))

    def preempted(self, t, now, kind=None, line=None):
        self.preemptions[t.index] = self.preemptions.get(t.index, 0) + 1
        kind = kind or "unknown"
        self.switch_kinds[kind] = self.switch_kinds.get(kind, 0) + 1
        if len(self.switch_points) < SWITCH_POINTS:
            self.switch_points.append([self._ms(now), t.index, kind, line])

    def mark(self, kind, now, **data):
        if len(self.marks) < 1000:
            self.marks.append({"at": self._ms(now), "kind": kind, **data})

    def deadlock(self, report, now):
        self.deadlock_report = report
        self.mark("deadlock", now)

    def export(self, now, meta):
        end = self._ms(now)
        open_segment = {}  # index -> [start, state, label]
        lanes = {t.index: [] for t in self.threads}
        for ms, index, state, label in self.events:
            seg = open_segment.get(index)
            if seg is not None:
                if seg[1] == state and seg[2] == label:
                    continue
                if ms > seg[0] or state == "done":
                    lanes[index].append(_segment(seg, ms))
            if state == "done":
                open_segment.pop(index, None)
            else:
                open_segment[index] = [ms, state, label]
        for index, seg in open_segment.items():
            lanes[index].append(_segment(seg, end))
        threads = []
        for t in self.threads:
            segments = [s for s in lanes[t.index] if s["end"] > s["start"] or s["state"] != "running"]
            totals = {"running": 0.0, "ready": 0.0, "blocked": 0.0, "sleeping": 0.0}
            turns = 0
            for s in segments:
                totals[s["state"]] = totals.get(s["state"], 0.0) + (s["end"] - s["start"])
                if s["state"] == "running":
                    turns += 1
            threads.append(
                {
                    "id": t.index,
                    "ident": t.ident,
                    "name": t.name,
                    "main": t.main,
                    "daemon": bool(t.daemon),
                    "startMs": self.started.get(t.index, 0.0),
                    "endMs": self.ended.get(t.index),
                    "segments": segments,
                    "totals": {k: round(v, 3) for k, v in totals.items()},
                    "turns": turns,
                    "preemptions": self.preemptions.get(t.index, 0),
                }
            )
        return {
            "version": FORMAT_VERSION,
            **meta,
            "durationMs": end,
            "threads": threads,
            "marks": self.marks,
            # Where the running thread lost the GIL: _points kinds ("loop", "call", "entry", "bytecode"...), the
            # learner's line (None when not known), and how many preemptions of each kind.
            "switchPoints": [{"at": at, "thread": index, "kind": kind, "line": line} for at, index, kind, line in self.switch_points],
            "switchKinds": dict(self.switch_kinds),
            "truncated": self.truncated,
            "deadlock": self.deadlock_report,
        }


def _segment(seg, end):
    start, state, label = seg
    out = {"start": start, "end": max(end, start), "state": state}
    if label is not None:
        out["on"] = label
    return out
