"""Runs an exercise's check (check.py) against the learner's code (learner.py) in the browser's Python worker.

The learner sees a verdict, not the checker's internals: the last line this program prints is a marker followed by
JSON, {"verdict": "pass" | "fail" | "error", "message": ..., "line": ...}, which the page (and `npm run
content:check`) reads and removes from the output. "fail" is a check's assertion with its message; "error" is an
exception in the learner's code, reported with the learner's lines only.
"""

import json
import linecache
import re
import runpy
import sys
import traceback

MARKER = "\x1einterleave-verdict "
LEARNER = "learner.py"
CHECK = "check.py"


def _is(frame, name):
    return frame.filename == name or frame.filename.endswith("/" + name)


def _learner_frames(exc):
    return [f for f in traceback.extract_tb(exc.__traceback__) if _is(f, LEARNER)]


def _describe(exc):
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


try:
    # The browser lacks what the learner's code needs (threads without stack switching): not a verdict on the code.
    from interleave.unsupported import Unsupported
except ImportError:  # outside Interleave's runtime

    class Unsupported(BaseException):
        pass


def _replaying():
    """A failing schedule replayed on the page (schedule or step mode): the learner reads the verdict there."""
    try:
        from interleave import threads
    except ImportError:
        return False
    return threads.schedule() is not None


_SAYS = {"pass": "The check passed under this schedule.", "fail": "The check failed: ", "error": "Your code stopped with an error: "}


def _verdict(verdict, message="", line=None):
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    if _replaying():
        sys.__stdout__.write(f"\n{_SAYS[verdict]}{message}\n")
        sys.__stdout__.flush()
        return
    sys.__stdout__.write("\n" + MARKER + json.dumps({"verdict": verdict, "message": message, "line": line}) + "\n")
    sys.__stdout__.flush()


def _learner_error(exc, frames):
    # The learner knows their code as the editor's lines, not as a file in the worker.
    where = "\n".join(f"  line {f.lineno}, in {f.name}: {(f.line or '').strip()}" for f in frames)
    return f"Your code raised {_describe(exc)}\n{where}", frames[-1].lineno


def _deadlock_text(report):
    """The runtime's report (who waits for what, where) as the console shows it, with files named as the learner
    knows them (learner.py, not its path in the worker)."""
    try:
        from interleave.threads._report import format_deadlock

        text = format_deadlock(report)
    except Exception:  # noqa: BLE001 - an unexpected shape: show it raw rather than lose it
        return str(report).strip()
    lines = [line for line in text.strip().splitlines() if not line.startswith("CPython would hang")]
    return re.sub(r'File "(?:[^"]*/)?([^"/]+)"', r'File "\1"', "\n".join(lines).strip())


def main():
    try:
        runpy.run_path(CHECK, run_name="__main__")
    except (KeyboardInterrupt, Unsupported):
        raise  # Stop, or a browser that cannot run the code: neither a pass nor a failure
    except AssertionError as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        if frames and _is(frames[-1], LEARNER):
            # The learner's own assert failed: that is their code's error, with their line.
            message, line = _learner_error(exc, _learner_frames(exc))
            return _verdict("error", message, line)
        message = str(exc).strip()
        if not message:
            # A bare `assert` in the check: show its source line rather than nothing.
            checks = [f for f in frames if _is(f, CHECK)]
            source = linecache.getline(checks[-1].filename, checks[-1].lineno).strip() if checks else ""
            message = f"This check failed: {source}" if source else "A check failed."
        return _verdict("fail", message)
    except SystemExit as exc:
        if type(exc).__name__ == "Deadlock" and hasattr(exc, "report"):
            # The thread runtime found every thread waiting for ever (a SystemExit so `except Exception` cannot
            # swallow it): that is the learner's code deadlocking, with the runtime's report of who waits for what.
            frames = _learner_frames(exc)
            return _verdict("fail", f"Your code deadlocked: every thread was waiting for another one.\n{_deadlock_text(exc.report)}", frames[-1].lineno if frames else None)
        if _learner_frames(exc):
            return _verdict("error", f"Your code called sys.exit({exc.code!r}); the check needs it to return instead.")
        if exc.code in (None, 0):
            return _verdict("pass")
        return _verdict("fail", str(exc.code))
    except BaseException as exc:  # noqa: BLE001 - every other outcome is reported as a verdict
        frames = _learner_frames(exc)
        if frames:
            message, line = _learner_error(exc, frames)
            return _verdict("error", message, line)
        # An error in the check itself: the author needs the whole story (content:check shows it).
        return _verdict("error", "The check itself failed (this is not your fault):\n" + "".join(traceback.format_exception(exc)).rstrip())
    return _verdict("pass")


main()
