"""loop.add_signal_handler / remove_signal_handler, as CPython's event loop on Linux has them.

CPython (Lib/asyncio/unix_events.py, _UnixSelectorEventLoop) checks the signal and the thread, keeps a Handle per
signal, installs a do-nothing Python handler and has the C signal handler write the signal's number to the loop's
wake-up socket (signal.set_wakeup_fd); the loop then runs the Handle as an ordinary callback. Ctrl+C therefore
calls the program's SIGINT callback on the loop instead of raising KeyboardInterrupt.

Here the loop has no socket to wake it: the Python-level handler installed for the signal puts the Handle in the
ready queue itself and wakes the loop (`_add_callback_signalsafe`, which is what CPython's loop does on reading
the signal number). Stop is SIGINT: while a loop handles SIGINT, Stop calls its callback (the page stops repeating
the signal once it has landed), and when Stop arrives while every thread waits, the thread runtime hands it to the
same handler (interleave.threads._deliver_interrupt). SIGUSR1 is the thread runtime's preemption tick: a loop may
register a callback for it, but it is never called.
"""

import signal
import sys

from asyncio import coroutines, events

from .. import _visible, ack_interrupt

__all__ = ["SignalHandlers", "reset"]

_RUNTIME_SIGNALS = {signal.SIGUSR1}
# signal -> the Python-level handler that was installed before a loop took the signal (the runtime's own).
_previous = {}


def _loop_handler(loop):
    """The Python-level handler of a signal a loop handles: queue that loop's callback and wake it. Named as the
    handler CPython installs (`signal.getsignal()` prints `<function _sighandler_noop at ...>` there too)."""

    def _sighandler_noop(signum, frame):
        if signum == signal.SIGINT:
            ack_interrupt()
        loop._handle_signal(signum)

    _sighandler_noop.__module__ = "asyncio.unix_events"
    _sighandler_noop.__doc__ = "Dummy signal handler."
    _sighandler_noop.loop = loop
    _sighandler_noop.wakes_event_loop = True  # interleave.threads._deliver_interrupt hands Stop to it
    return _sighandler_noop


class SignalHandlers:
    """Mixed into the run's event loop class."""

    def _signals(self):
        handlers = self.__dict__.get("_signal_handlers")
        if handlers is None:
            handlers = self._signal_handlers = {}
        return handlers

    def add_signal_handler(self, sig, callback, *args):
        """Add a handler for a signal.  UNIX only.

        Raise ValueError if the signal number is invalid or uncatchable.
        Raise RuntimeError if there is a problem setting up the handler.
        """
        if coroutines.iscoroutine(callback) or coroutines._iscoroutinefunction(callback):
            raise TypeError("coroutines cannot be used with add_signal_handler()")
        self._check_signal(sig)
        self._check_closed()
        threading = sys.modules.get("threading")
        if threading is not None and threading.current_thread() is not threading.main_thread():
            # What signal.set_wakeup_fd() says outside the main thread, which CPython turns into a RuntimeError.
            raise RuntimeError("set_wakeup_fd only works in main thread of the main interpreter")
        handlers = self._signals()
        handlers[sig] = events.Handle(callback, args, self, None)
        if sig in _RUNTIME_SIGNALS:
            return
        if sig not in _previous:
            try:
                _previous[sig] = _visible.real_getsignal(sig)  # the runtime's own handler, where there is one
            except (ValueError, OSError):
                _previous[sig] = signal.SIG_DFL
        try:
            _visible.real_signal(sig, _loop_handler(self))
            _visible.forget_program_handler(sig)
        except (ValueError, OSError) as exc:
            del handlers[sig]
            _previous.pop(sig, None)
            raise RuntimeError(f"sig {sig} cannot be caught") from exc

    def _handle_signal(self, sig):
        handle = self._signals().get(sig)
        if handle is None:
            return
        if handle._cancelled:
            self.remove_signal_handler(sig)
        else:
            self._add_callback_signalsafe(handle)

    def remove_signal_handler(self, sig):
        """Remove a handler for a signal.  UNIX only.

        Return True if a signal handler was removed, False if not.
        """
        self._check_signal(sig)
        try:
            del self._signals()[sig]
        except KeyError:
            return False
        current = _visible.real_getsignal(sig)
        if getattr(current, "loop", None) is self and getattr(current, "wakes_event_loop", False) and sig in _previous:
            # CPython puts back the default (default_int_handler for SIGINT); here the default is the runtime's.
            _visible.real_signal(sig, _previous.pop(sig))
        return True

    def _check_signal(self, sig):
        if not isinstance(sig, int):
            raise TypeError(f"sig must be an int, not {sig!r}")
        if sig not in signal.valid_signals():
            raise ValueError(f"invalid signal number {sig}")

    def close(self):
        super().close()
        for sig in list(self._signals()):
            self.remove_signal_handler(sig)


def reset():
    """The run is over (the runner and the thread runtime put the real handlers back themselves)."""
    _previous.clear()
