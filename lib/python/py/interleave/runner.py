"""Runs one learner program in a fresh __main__, like `python3 main.py`, and reports how it ended.

Called from the worker through `callPromising`, so the program runs on a suspendable stack: `asyncio.run(main())`
at the top level and blocking calls that await JavaScript both work. Every run starts clean: a new __main__,
the learner's own modules forgotten afterwards, and sys settings restored.
"""

import builtins
import json
import os
import signal
import sys
import time
import traceback
import types

WORKDIR = "/home/pyodide"
_RUNTIME_FILES = (__file__,)


def _user_tb(tb):
    """Drop the runner's own frames so tracebacks start at the learner's code, as CPython's do."""
    while tb is not None and tb.tb_frame.f_code.co_filename in _RUNTIME_FILES:
        tb = tb.tb_next
    return tb


def _print_exception(exc):
    tb = _user_tb(exc.__traceback__)
    exc.__traceback__ = tb
    traceback.print_exception(type(exc), exc, tb)


def _failing_line(exc, filename):
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None and isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    return line


def _exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else (256 + code) & 0xFF
    # sys.exit("message") prints the message to stderr and exits with 1, as CPython does.
    print(code, file=sys.stderr)
    return 1


def _write_files(files):
    written = []
    for rel, text in files.items():
        path = os.path.join(WORKDIR, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
    return written


def run_program(code, filename, files_json="{}"):
    """Run `code` as the main program. Returns a JSON string: status, exitCode, durationMs, error."""
    files = json.loads(files_json)
    os.chdir(WORKDIR)
    written = _write_files({filename: code, **files})
    modules_before = set(sys.modules)
    saved = {
        "argv": sys.argv,
        "path": list(sys.path),
        "recursionlimit": sys.getrecursionlimit(),
        "switchinterval": sys.getswitchinterval(),
        "sigint": signal.getsignal(signal.SIGINT),
        "main": sys.modules.get("__main__"),
        "stdout": sys.stdout,
        "stderr": sys.stderr,
        "stdin": sys.stdin,
        "trace": sys.gettrace(),
        "profile": sys.getprofile(),
    }
    main = types.ModuleType("__main__")
    main.__file__ = os.path.join(WORKDIR, filename)
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    sys.argv = [filename]
    if WORKDIR not in sys.path:
        sys.path.insert(0, WORKDIR)

    result = {"status": "ok", "exitCode": 0}
    started = time.perf_counter()
    try:
        try:
            compiled = compile(code, filename, "exec")
        except SyntaxError as exc:
            raise exc.with_traceback(None)
        exec(compiled, main.__dict__)
    except SystemExit as exc:
        result["exitCode"] = _exit_code(exc)
        result["status"] = "ok" if result["exitCode"] == 0 else "exit"
    except KeyboardInterrupt as exc:
        _print_exception(exc)
        result.update(status="interrupted", exitCode=130)
    except BaseException as exc:  # noqa: BLE001 - report every failure the way CPython would
        _print_exception(exc)
        line = _failing_line(exc, filename)
        error = {"type": type(exc).__name__, "message": str(exc)[:4000], "filename": filename}
        if line is not None:
            error["line"] = line
        result.update(status="exception", exitCode=1, error=error)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - a learner may have replaced or closed it
                pass
        # Forget the learner's own modules (anything imported from the work dir) so the next run starts clean.
        for name in set(sys.modules) - modules_before:
            mod = sys.modules.get(name)
            path = getattr(mod, "__file__", None) or ""
            if path.startswith(WORKDIR) or name == "__main__":
                sys.modules.pop(name, None)
        for path in written:
            try:
                os.remove(path)
            except OSError:
                pass
        sys.argv = saved["argv"]
        sys.path[:] = saved["path"]
        sys.setrecursionlimit(saved["recursionlimit"])
        sys.setswitchinterval(saved["switchinterval"])
        signal.signal(signal.SIGINT, saved["sigint"])
        sys.stdout, sys.stderr, sys.stdin = saved["stdout"], saved["stderr"], saved["stdin"]
        sys.settrace(saved["trace"])
        sys.setprofile(saved["profile"])
        if saved["main"] is not None:
            sys.modules["__main__"] = saved["main"]
    result["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
    return json.dumps(result)
