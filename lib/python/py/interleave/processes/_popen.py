"""multiprocessing.popen_spawn_posix for the browser: the spawn start method over the page's process table.

As CPython's spawn does, the parent pickles the preparation data (sys.path, the main script's path, the process
name, the authkey...) and then the Process object; the page starts a worker (a ready one if it has one), runs the
main script there as __mp_main__ and the Process's _bootstrap (see interleave.processes.run_child). A pipe end
pickled while spawning is held by the child from its start, as an inherited file descriptor.
"""

import errno
import io
import json
import os
import signal

from . import _connection, _host

__all__ = ["Popen"]


class Popen:
    __module__ = "multiprocessing.popen_spawn_posix"  # the module it stands in for (repr of Process._popen)
    method = "spawn"

    def __init__(self, process_obj):
        from multiprocessing import util

        util._flush_std_streams()
        _host.flush_output()
        self.returncode = None
        self.finalizer = None
        self._handles = []
        self._launch(process_obj)

    def duplicate_for_child(self, handle):
        self._handles.append(handle)
        return handle

    def _launch(self, process_obj):
        from multiprocessing import reduction, spawn
        from multiprocessing.context import set_spawning_popen

        prep_data = spawn.get_preparation_data(process_obj._name)
        fp = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, fp)
            reduction.dump(process_obj, fp)
        finally:
            set_spawning_popen(None)
        reply = _host.request(
            _host.js.spawn(process_obj._name, _host.to_js_bytes(fp.getbuffer()), json.dumps(self._handles)),
            "starting a process",
        )
        if reply.get("error"):
            raise BlockingIOError(errno.EAGAIN, reply["error"])  # as os.fork() raises it when the limit is reached
        self.pid = int(reply["pid"])
        self.sentinel = _connection.Sentinel(self.pid)

    def poll(self, flag=os.WNOHANG):
        if self.returncode is None:
            code = _host.js.exitcode(self.pid)
            if code is not None:
                self.returncode = int(code)
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None and self.poll() is None:
            ms = None if timeout is None else max(0.0, timeout) * 1000
            _host.request(_host.js.select("[]", json.dumps([self.pid]), ms), "join")
        return self.poll()

    def _send_signal(self, sig):
        if self.returncode is None and self.poll() is None:
            _host.js.signal(self.pid, int(sig))

    def terminate(self):
        self._send_signal(signal.SIGTERM)

    def kill(self):
        self._send_signal(signal.SIGKILL)

    def interrupt(self):
        self._send_signal(signal.SIGINT)

    def close(self):
        if self.finalizer is not None:
            self.finalizer()
