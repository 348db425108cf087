"""multiprocessing.shared_memory on SharedArrayBuffers: named blocks every process of the run can attach to.

CPython maps a POSIX shared memory object into each process and `SharedMemory.buf` is a memoryview of that
mapping. A browser worker cannot map shared memory into Python's own (WebAssembly) memory, so here the page keeps
one SharedArrayBuffer per name (client/net.ts) and each SharedMemory keeps a mirror of it — a bytearray, so `buf`
is a real memoryview that struct.pack_into, slicing and ShareableList use as on CPython. The mirror and the block
are synchronised at the points where processes can observe each other: every access to `shm.buf` (ShareableList
reads it on each operation), close(), and whenever the process sends or receives something through the page
(a queue or pipe message, a lock, starting or joining a process) and at its end. Only the bytes this process
changed since the last synchronisation are written back, so processes writing different bytes do not undo each
other. (A program that spins on a memoryview it keeps, with no such point in its loop, does not see another
process's writes: on CPython it would, as it reads the mapping itself.)

The resource tracker is the run's (the page's register of names): REGISTER/UNREGISTER as CPython's tracker counts
them, and at the end of the main process the warning CPython's tracker prints for blocks never unlinked.
"""

import os
import types
import weakref

from . import _errors

_open = weakref.WeakSet()
# CPython's tracker prints its warning from resource_tracker.py; where (file, line, source line) is read from the
# module when the run imports it (by the end of the run it has been forgotten).
_TRACKER_MESSAGE = "resource_tracker: There appear to be"
_warning_place = [None]
_used = [False]  # whether this process registered any shared memory with the tracker in this run


def _remote():
    from . import kernel

    k = kernel()
    remote = k.ns.remote if k is not None else None
    if remote is None:
        raise OSError("shared memory needs the page's process table (a cross-origin isolated page)")
    return remote


class Segment:
    """This process's mirror of a named block."""

    __slots__ = ("id", "size", "mirror", "js", "__weakref__")

    def __init__(self, seg_id, size, js):
        self.id = seg_id
        self.size = size
        self.mirror = bytearray(size)
        self.js = js
        _open.add(self)
        self.sync()

    def sync(self, pull=True):
        if self.js is not None:
            self.js.shmSync(self.id, self.mirror, pull)

    def close(self):
        if self.js is not None:
            self.sync(pull=False)
            self.js.shmClose(self.id)
            self.js = None
        _open.discard(self)


def sync_all():
    for seg in list(_open):
        try:
            seg.sync()
        except Exception:  # noqa: BLE001 - a block closed under us
            pass


def open_segment(name, create, size):
    """Create (create=True; FileExistsError if the name is taken) or attach to (FileNotFoundError) a named block."""
    remote = _remote()
    reply = remote.request({"op": "shm-open", "name": name, "create": bool(create), "size": int(size) if create else 0}, "SharedMemory")
    err = reply.get("error")
    if err == "EEXIST":
        raise _errors.error("EEXIST", name)
    if err == "ENOENT":
        raise _errors.error("ENOENT", name)
    if err == "ENOMEM":
        raise OSError(12, "Cannot allocate memory: the run's shared memory is limited to 512 MB", name)
    if err:
        raise OSError(f"shared memory: {err}")
    return Segment(int(reply["segment"]), int(reply["size"]), remote.js)


def unlink_name(name):
    reply = _remote().request({"op": "shm-unlink", "name": name}, "shm_unlink")
    if reply.get("error") == "ENOENT":
        raise _errors.error("ENOENT", name)


def track(name, register):
    try:
        remote = _remote()
    except OSError:
        return
    _used[0] = True
    remote.post({"op": "shm-track", "name": str(name)[:255], "register": bool(register)})


def posixshmem_module():
    """`_posixshmem` for shared_memory.py (and the resource tracker's clean-up function)."""
    m = types.ModuleType("_posixshmem", "POSIX shared memory module (over the run's SharedArrayBuffers)")

    def shm_open(path, flags, mode=0o777):
        raise OSError(95, "shm_open() has no file descriptor to give here: use multiprocessing.shared_memory.SharedMemory", path)

    def shm_unlink(path):
        unlink_name(path)

    shm_open.__module__ = shm_unlink.__module__ = "_posixshmem"
    m.shm_open = shm_open
    m.shm_unlink = shm_unlink
    return m


def patch(mod):
    """Called right after multiprocessing.shared_memory was executed for the run."""
    cls = mod.SharedMemory

    def __init__(self, name=None, create=False, size=0, *, track=True):  # noqa: N807 - replaces SharedMemory's
        if not size >= 0:
            raise ValueError("'size' must be a positive integer")
        if create:
            self._flags = mod._O_CREX | os.O_RDWR
            if size == 0:
                raise ValueError("'size' must be a positive number different from zero")
        if name is None and not self._flags & os.O_EXCL:
            raise ValueError("'name' can only be None if create=True")
        self._track = track
        if name is None:
            while True:
                name = mod._make_filename()
                try:
                    seg = open_segment(name, True, size)
                except FileExistsError:
                    continue
                self._name = name
                break
        else:
            name = "/" + name if self._prepend_leading_slash else name
            seg = open_segment(name, create, size)
            self._name = name
        if self._track:
            mod.resource_tracker.register(self._name, "shared_memory")
        self._seg = seg
        self._size = seg.size
        self._buf = memoryview(seg.mirror)

    def buf(self):
        "A memoryview of contents of the shared memory block."
        seg = self.__dict__.get("_seg")
        if self._buf is not None and seg is not None:
            seg.sync()
        return self._buf

    def close(self):
        """Closes access to the shared memory from this instance but does not destroy the shared memory block."""
        seg = self.__dict__.pop("_seg", None)
        if seg is not None:
            seg.close()
        if self._buf is not None:
            self._buf.release()
            self._buf = None

    def unlink(self):
        """Requests that the underlying shared memory block be destroyed."""
        if self._name:
            unlink_name(self._name)
            if self._track:
                mod.resource_tracker.unregister(self._name, "shared_memory")

    cls.__init__ = __init__
    cls.buf = property(buf, doc=buf.__doc__)
    cls.close = close
    cls.unlink = unlink
    for fn in (__init__, buf, close, unlink):
        fn.__qualname__ = f"SharedMemory.{fn.__name__}"
        fn.__module__ = mod.__name__


def patch_tracker(mod):
    """Called right after multiprocessing.resource_tracker was executed: the run's tracker is the page's register."""

    def ensure_running():
        pass

    def register(name, rtype):
        if rtype == "shared_memory":
            track(name, True)

    def unregister(name, rtype):
        if rtype == "shared_memory":
            track(name, False)

    from .. import _visible

    tracker = mod._resource_tracker
    for fn in (ensure_running, register, unregister):
        # Printed and pickled as the module's own functions (bound methods of its ResourceTracker on CPython).
        setattr(mod, fn.__name__, _visible.like_function(fn, getattr(tracker, fn.__name__).__func__))
    if _warning_place[0] is None:
        _warning_place[0] = _find_warning(mod)


def used():
    return _used[0]


def reset():
    _used[0] = False


def report_leaks(remote):
    """At the end of the main process: warn about blocks still registered, as CPython's resource tracker does when
    the last process is gone, and unlink them."""
    reply = remote.request({"op": "shm-leaks"}, "resource tracker")
    names = reply.get("names") or []
    if not names:
        return
    import sys
    import warnings

    filename, lineno, source = _warning_place[0] or ("multiprocessing/resource_tracker.py", 0, None)
    message = f"resource_tracker: There appear to be {len(names)} leaked shared_memory objects to clean up at shutdown: {set(names)}"
    try:
        sys.stderr.write(warnings.formatwarning(message, UserWarning, filename, lineno, source))
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - the program may have replaced stderr
        pass
    for name in names:
        remote.request({"op": "shm-unlink", "name": name}, "resource tracker")


def _find_warning(mod):
    """(file, line, source line) of the warnings.warn call in CPython's tracker that reports leaked blocks."""
    filename = getattr(mod, "__file__", None) or "multiprocessing/resource_tracker.py"
    try:
        lines = mod.__loader__.get_source(mod.__name__).splitlines()
    except Exception:  # noqa: BLE001 - no source: the warning still says what it must
        return (filename, 0, None)
    for i, line in enumerate(lines):
        if _TRACKER_MESSAGE in line:
            for j in range(i, max(-1, i - 4), -1):
                if "warnings.warn(" in lines[j]:
                    return (filename, j + 1, lines[j].strip())
            return (filename, i + 1, line.strip())
    return (filename, 0, None)
