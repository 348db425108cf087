"""Runs one learner program in a fresh __main__, like `python3 main.py`, and reports how it ended.

The worker calls `run_program` through `callPromising`, so the program runs on a suspendable stack: top-level
`asyncio.run(main())`, `pyodide.ffi.run_sync` and green threads all work. Every run starts clean: a new __main__,
an empty working directory, the learner's own modules forgotten afterwards, and interpreter-wide settings
(sys, signal handlers, builtins, environment, warnings) put back as they were.

Hooks for the thread runtime (lib/python/py/interleave/threads, optional; see lib/python/README.md):
    threads.boot()           once, when the interpreter starts
    threads.install(options) before each program (options: seed, jspi, isolated)
    threads.shutdown()       after each program: joins non-daemon threads, as threading._shutdown does
and for asyncio (lib/python/py/interleave/asyncio, optional): asyncio.install(options) after threads.install,
asyncio.finish() after threads.shutdown (sends the event-loop trace, puts Pyodide's asyncio set-up back).
"""

import atexit
import builtins
import gc
import importlib.util
import json
import linecache
import os
import random
import signal
import sys
import traceback
import types
import warnings

from interleave.unsupported import Unsupported

from . import _visible

WORKDIR = "/home/pyodide"
RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Frames from these files are the runtime's, not the learner's: tracebacks leave them out.
_HIDDEN_PREFIXES = _visible.HIDDEN_PREFIXES
_SIGNALS = [s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGHUP")) if s is not None]

_threads = None
_asyncio = None
_processes = None
_net = None
_host = None
_boot_options = {}
_base_modules = {}


class _HardExit(BaseException):
    """os._exit(n): leave the program at once with exit code n (the interpreter itself stays up for the next run)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


_exiting = [False]  # os._exit was called: the program ends without waiting for threads or running atexit


class _Silent:
    """sys.stdout and sys.stderr once os._exit was called: the program's `finally` blocks still run as the exit
    unwinds its stack (CPython runs none), but nothing they print may show."""

    def write(self, s):
        return len(s)

    def flush(self):
        pass


def _hard_exit(code):
    code = int(code)
    if not _exiting[0]:
        _exiting[0] = True
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - the program may have replaced or closed it
                pass
        sys.stdout = sys.stderr = _Silent()
    if _threads is not None and hasattr(_threads, "exit_from_thread") and _threads.exit_from_thread(code):
        raise SystemExit  # only if this thread is ever resumed: it is ended where it stands
    raise _HardExit(code)


_hard_exit = _visible.like_builtin(_hard_exit, os._exit)


# Deeper than about 5,000 frames, freeing a RecursionError's traceback (or any deeply nested object) overflows the
# browser's WebAssembly stack: CPython sizes its C-stack guard from the interpreter's own stack, not from the
# smaller stack that stack switching runs it on. Capping the limit keeps such programs ending in a RecursionError
# as on CPython, instead of taking the interpreter down.
MAX_RECURSION_LIMIT = 4000
_real_setrecursionlimit = sys.setrecursionlimit


def _capped_setrecursionlimit(limit):
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > MAX_RECURSION_LIMIT:
        if _host is not None:
            _host.notice(
                f"sys.setrecursionlimit({limit}): the browser's stack holds about {MAX_RECURSION_LIMIT} Python frames, "
                f"so the limit is {MAX_RECURSION_LIMIT} here (CPython on a computer allows more)."
            )
        limit = MAX_RECURSION_LIMIT
    _real_setrecursionlimit(limit)


_capped_setrecursionlimit = _visible.like_builtin(_capped_setrecursionlimit, sys.setrecursionlimit)


def prepare():
    """Imports the runtime's packages that are present, touching nothing of JavaScript: the memory snapshot's recipe
    calls this (lib/python/worker/interpreter.ts), so a restored interpreter has them in memory, and boot() calls it
    again (then it only looks them up)."""
    global _threads, _asyncio, _processes, _net
    import interleave.preload  # noqa: F401 - already in memory when restored from the snapshot

    if importlib.util.find_spec("interleave.threads") is not None:
        import interleave.threads as _threads
    if importlib.util.find_spec("interleave.asyncio") is not None:
        import interleave.asyncio as _asyncio
    if importlib.util.find_spec("interleave.processes") is not None:
        import interleave.processes as _processes
    if importlib.util.find_spec("interleave.net") is not None:
        import interleave.net as _net


def prepare_snapshot():
    """The memory snapshot's recipe (lib/python/worker/interpreter.ts prepareSnapshot), after interleave/preload.py:
    the runtime's packages imported and warmed (the module copies each run executes compiled, our `_socket` and
    `select` in place), then every object so far moved out of the cyclic collector's sight (gc.freeze: the standard
    library and the runtime live as long as the interpreter). The full collection at the end of each run then walks
    only what programs made: 18 ms less per run in Chromium, 60 ms less in the first."""
    prepare()
    for package in (_threads, _processes, _net):
        if package is not None and hasattr(package, "warm"):
            package.warm()
    gc.collect()
    gc.freeze()


def boot(options_json="{}"):
    """Called once by the worker after the interpreter started (from the snapshot or not)."""
    global _boot_options, _base_modules, _host
    _boot_options = json.loads(options_json)
    prepare()
    _visible.boot()

    try:
        import interleave_host as _host  # registered by the worker
    except ImportError:  # e.g. under plain Node for the thread runtime's own tests
        _host = None

    if _threads is not None and hasattr(_threads, "boot"):
        _threads.boot()
    if _processes is not None:
        _processes.boot()
    if _net is not None:
        _net.boot()
    os.makedirs(WORKDIR, exist_ok=True)
    _ignore_interrupts()
    _base_modules = dict(sys.modules)


# ---- tracebacks ----


def _hidden(tb):
    return tb.tb_frame.f_code.co_filename.startswith(_HIDDEN_PREFIXES)


def _strip(exc, seen=None):
    """Unlink the runtime's own frames from exc's traceback (and from chained and grouped exceptions)."""
    seen = set() if seen is None else seen
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    kept = []
    tb = exc.__traceback__
    while tb is not None:
        if not _hidden(tb):
            kept.append(tb)
        tb = tb.tb_next
    for a, b in zip(kept, kept[1:]):
        a.tb_next = b
    if kept:
        kept[-1].tb_next = None
    exc.__traceback__ = kept[0] if kept else None
    _strip(exc.__cause__, seen)
    _strip(exc.__context__, seen)
    for sub in getattr(exc, "exceptions", ()) or ():
        if isinstance(sub, BaseException):
            _strip(sub, seen)


def _report(exc):
    """Print an uncaught exception as CPython does (through sys.excepthook if the program replaced it)."""
    _strip(exc)
    hook = sys.excepthook
    if hook is not sys.__excepthook__:
        try:
            hook(type(exc), exc, exc.__traceback__)
            return
        except Exception as hook_exc:  # noqa: BLE001 - CPython reports a failing hook, then the original
            print("Error in sys.excepthook:", file=sys.stderr)
            traceback.print_exception(hook_exc)
            print("\nOriginal exception was:", file=sys.stderr)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def _failing_line(exc, filename):
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None and isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    return line if line and line > 0 else None


def _exit_code(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    # sys.exit("message") prints the message to stderr and exits with 1, as CPython does.
    print(code, file=sys.stderr)
    return 1


# ---- state kept and restored around a run ----


def _clear_workdir():
    for entry in os.scandir(WORKDIR):
        try:
            if entry.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.remove(entry.path)
        except OSError:
            pass


def _write_files(files):
    for rel, text in files.items():
        path = os.path.join(WORKDIR, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def _save_state():
    import threading

    return {
        "argv": sys.argv,
        "path": list(sys.path),
        "meta_path": list(sys.meta_path),
        "path_hooks": list(sys.path_hooks),
        "path_importer_cache": dict(sys.path_importer_cache),
        "recursionlimit": sys.getrecursionlimit(),
        "switchinterval": sys.getswitchinterval(),
        "int_max_str_digits": sys.get_int_max_str_digits(),
        "signals": {s: signal.getsignal(s) for s in _SIGNALS},
        "main": sys.modules.get("__main__"),
        "streams": (sys.stdout, sys.stderr, sys.stdin),
        "hooks": (sys.excepthook, sys.displayhook, sys.unraisablehook, sys.breakpointhook, threading.excepthook),
        "trace": (sys.gettrace(), sys.getprofile(), getattr(threading, "_trace_hook", None), getattr(threading, "_profile_hook", None)),
        "builtins": dict(builtins.__dict__),
        # The raw mapping: iterating os.environ decodes every key and is slow here (tens of ms).
        "environ": dict(os.environ._data),
        "warnings": list(warnings.filters),
        "gc": (gc.isenabled(), gc.get_threshold()),
        "os_exit": os._exit,
    }


def _restore_state(saved):
    import threading

    sys.stdout, sys.stderr, sys.stdin = saved["streams"]
    sys.excepthook, sys.displayhook, sys.unraisablehook, sys.breakpointhook, threading.excepthook = saved["hooks"]
    trace, profile, thread_trace, thread_profile = saved["trace"]
    sys.settrace(trace)
    sys.setprofile(profile)
    threading._trace_hook, threading._profile_hook = thread_trace, thread_profile
    sys.argv = saved["argv"]
    sys.path[:] = saved["path"]
    sys.meta_path[:] = saved["meta_path"]
    sys.path_hooks[:] = saved["path_hooks"]
    sys.path_importer_cache.clear()
    sys.path_importer_cache.update(saved["path_importer_cache"])
    sys.setrecursionlimit = _real_setrecursionlimit
    sys.setrecursionlimit(saved["recursionlimit"])
    sys.setswitchinterval(saved["switchinterval"])
    sys.set_int_max_str_digits(saved["int_max_str_digits"])
    for sig, handler in saved["signals"].items():
        if sig == signal.SIGINT:
            continue  # stays ignored between runs; run_program sets the default handler for the next program
        try:
            signal.signal(sig, handler)
        except (TypeError, ValueError, OSError):
            pass
    b = builtins.__dict__
    for name in [n for n in b if n not in saved["builtins"]]:
        del b[name]
    for name, value in saved["builtins"].items():
        if b.get(name, _MISSING) is not value:
            b[name] = value
    os._exit = saved["os_exit"]
    if os.environ._data != saved["environ"]:
        for key in [k for k in os.environ._data if k not in saved["environ"]]:
            del os.environ[os.environ.decodekey(key)]
        for key, value in saved["environ"].items():
            if os.environ._data.get(key) != value:
                os.environ[os.environ.decodekey(key)] = os.environ.decodevalue(value)
    warnings.filters[:] = saved["warnings"]
    warnings._filters_mutated()
    enabled, threshold = saved["gc"]
    gc.set_threshold(*threshold)
    (gc.enable if enabled else gc.disable)()
    os.chdir(WORKDIR)


_MISSING = object()


def _restore_modules():
    """Forget modules the program brought in from its own files (or made up); put back stdlib ones it replaced."""
    for name in list(sys.modules):
        module = sys.modules.get(name)
        base = _base_modules.get(name, _MISSING)
        if base is module:
            continue
        if base is not _MISSING:
            sys.modules[name] = base
            continue
        origin = getattr(module, "__file__", None) or ""
        if name == "__main__" or name == "__mp_main__" or not origin or origin.startswith(WORKDIR) or not os.path.isabs(origin):
            del sys.modules[name]
    for name, module in _base_modules.items():
        if name not in sys.modules:
            sys.modules[name] = module


def _ignore_interrupts():
    """Stop pressed just as the program ended must not break the clean-up (the page repeats SIGINT until done)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (TypeError, ValueError, OSError):
        pass


# ---- the run ----


def _execute(code, filename, main):
    """Compile and run the program; returns (status, exit code, exception or None)."""
    try:
        if _processes is not None and _processes.is_child():
            # A child process (multiprocessing): the main script runs as __mp_main__, then the Process.
            raise SystemExit(_processes.run_child())
        try:
            compiled = compile(code, filename, "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise exc.with_traceback(None) from None
        exec(compiled, main.__dict__)
        return "ok", 0, None
    except SystemExit as exc:
        code = _exit_code(exc.code)
        return ("ok" if code == 0 else "exit"), code, None
    except _HardExit as exc:
        return ("ok" if exc.code == 0 else "exit"), exc.code & 0xFF, None
    except KeyboardInterrupt as exc:
        _report(exc)
        return "interrupted", 130, None
    except Unsupported as exc:
        # Not the program's fault: the browser lacks what it needs. No traceback; the page says why.
        return "unsupported", 1, exc
    except BaseException as exc:  # noqa: BLE001 - report every failure the way CPython would
        _report(exc)
        return "exception", 1, exc


def _finish_threads(status, code):
    """Join non-daemon threads and run atexit handlers, as CPython does before the process ends."""
    try:
        if _exiting[0]:
            # os._exit: no joining of threads, no exit handlers (CPython's process simply ends).
            if _threads is not None and hasattr(_threads, "shutdown"):
                _threads.shutdown(hard=True)
            return status, code
        if _processes is not None:
            _processes.before_exit()  # multiprocessing's exit handler, while its queue feeder threads still run
        if _threads is not None and hasattr(_threads, "shutdown"):
            # "deadlock": every thread blocked for ever; the thread runtime printed its report instead of hanging.
            if _threads.shutdown() == "deadlock":
                status, code = "deadlock", 1
        atexit._run_exitfuncs()
    except KeyboardInterrupt as exc:
        _report(exc)
        return "interrupted", 130
    except SystemExit as exc:
        return status, code if code else _exit_code(exc.code)
    except _HardExit as exc:
        return ("ok" if exc.code == 0 else "exit"), exc.code & 0xFF
    except BaseException as exc:  # noqa: BLE001
        _report(exc)
        return status, code or 1
    finally:
        atexit._clear()
    return status, code


def run_program(code, filename, options_json="{}"):
    """Run `code` as the main program. Returns a JSON string: status, exitCode, error."""
    options = json.loads(options_json)
    os.chdir(WORKDIR)
    _clear_workdir()
    _write_files({filename: code, **options.get("files", {})})
    # Tracebacks read the program's lines from here even if it changes directory or deletes its file.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    # The run's other files (an exercise's learner.py, check.py) were rewritten: lines cached from an earlier run's
    # version would show in tracebacks and deadlock reports (the learner's previous code, at the same line numbers).
    for name in options.get("files", {}):
        linecache.cache.pop(name, None)
        linecache.cache.pop(os.path.join(WORKDIR, name), None)
    # The directory's listing changed, perhaps within the same second. Only this finder: invalidating all of them
    # makes the standard library's zip importer re-read its directory (hundreds of ms).
    finder = sys.path_importer_cache.get(WORKDIR)
    if finder is not None:
        finder.invalidate_caches()
    saved = _save_state()
    main = types.ModuleType("__main__")
    main.__file__ = os.path.join(WORKDIR, filename)
    main.__builtins__ = builtins
    main.__cached__ = None
    sys.modules["__main__"] = main
    sys.argv = [filename]
    sys.path.insert(0, WORKDIR)
    os._exit = _hard_exit
    _exiting[0] = False
    sys.setrecursionlimit = _capped_setrecursionlimit
    # Pyodide makes it traceback.print_exception (_pyodide/__init__.py); a program sees python3's (_report prints
    # the same either way).
    sys.excepthook = sys.__excepthook__
    random.seed()
    signal.signal(signal.SIGINT, _visible.without_run)  # SIGINT without the thread runtime

    status, exit_code, error = "ok", 0, None
    # Automatic cyclic GC is on while the program runs, as in CPython. It used to be off: CPython 3.14's incremental
    # collection walks every thread state's frames, and green threads suspended by stack switching had frames on
    # stack memory that other threads had since reused ("memory access out of bounds": pyodide/pyodide#6464). Our
    # patch of Pyodide (lib/python/pyodide-patch) hides a suspended thread's frames from the collector, as upstream's
    # fix (#6466) does.
    gc.enable()
    started = False
    try:
        refused = None
        if _threads is not None and hasattr(_threads, "install"):
            try:
                _threads.install(
                    {
                        "seed": options.get("seed"),
                        "schedule": options.get("schedule"),
                        "step": options.get("step"),
                        "model": options.get("model"),
                        "stacks": "faulthandler" in code or any(isinstance(text, str) and "faulthandler" in text for text in options.get("files", {}).values()),
                        **_boot_options,
                    }
                )
            except ValueError as exc:
                # A schedule or model this run cannot use (refused before anything changed): said like a bad
                # command-line option, and the program does not run.
                refused = exc
        if refused is not None:
            sys.stderr.write(f"{filename}: {refused}\n")
            status, exit_code = "exit", 2
        else:
            if _asyncio is not None:
                _asyncio.install({"filename": filename, **_boot_options})
            if _processes is not None:
                _processes.install(_boot_options)
            if _net is not None:
                _net.install()
            _visible.begin()
            started = True
            status, exit_code, error = _execute(code, filename, main)
            status, exit_code = _finish_threads(status, exit_code)
    except KeyboardInterrupt as exc:  # Stop landed in install(), between the steps above or in _finish_threads
        # Before the program's first line there is no frame of the program's to show, and the runtime's set-up
        # (importing threading, logging...) is not the program's: just "KeyboardInterrupt", as an interrupted
        # start-up of python3 ends.
        _report(exc if started else exc.with_traceback(None))
        status, exit_code = "interrupted", 130
    finally:
        _ignore_interrupts()
        if _net is not None:
            try:
                _net.finish()  # sockets the program left open are closed, as when a process exits
            except Exception:  # noqa: BLE001 - never skip the restoring below; say what went wrong
                traceback.print_exc(file=sys.__stderr__)
        _visible.end()
        if _asyncio is not None:
            try:
                _asyncio.finish()
            except Exception:  # noqa: BLE001 - never skip the restoring below; say what went wrong
                traceback.print_exc(file=sys.__stderr__)
        if _processes is not None:
            _processes.shutdown()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - the program may have replaced or closed it
                pass
        _restore_state(saved)
        _restore_modules()
        if saved["main"] is not None:
            sys.modules["__main__"] = saved["main"]
        linecache.cache.pop(filename, None)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()

    result = {"status": status, "exitCode": exit_code}
    if isinstance(error, Unsupported):
        result["needs"] = error.needs
        result["reason"] = error.message[:500]
        error = None
    if error is not None:
        info = {"type": type(error).__name__, "message": str(error)[:4000], "filename": filename}
        line = _failing_line(error, filename)
        if line is not None:
            info["line"] = line
        result["error"] = info
    del main, error
    # The program's own objects, now that its __main__ is gone: their finalizers run at the end of this run, not in
    # the middle of the next one. A full collection (a young one left some cycles behind, already in the old
    # generation: runtime.test.ts, "survives cyclic garbage...").
    gc.collect()
    return json.dumps(result)
