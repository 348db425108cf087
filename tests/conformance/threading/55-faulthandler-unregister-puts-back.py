# Conformance: faulthandler.unregister(signum) gives the process back the handler that register() replaced, as
# CPython's sigaction(signum, &user->previous) does, even when signal.signal() took the signal back in between: the
# signal module then still reports its Python handler, which the process no longer calls. A second register() saves
# nothing new and does not take back a signal that signal.signal() took.
# expect: same
import faulthandler
import signal
import sys
import tempfile
import threading

calls = []


def mine(signum, frame):
    calls.append(signal.Signals(signum).name)


def after(what):
    print(f"{what}: {calls}")
    calls.clear()


# A Python handler, register, unregister: the Python handler is called again.
signal.signal(signal.SIGUSR1, mine)
faulthandler.register(signal.SIGUSR1, file=sys.stdout)
print("unregister:", faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))
signal.raise_signal(signal.SIGUSR1)
after("handler back")

# SIG_IGN saved, then signal.signal(mine): after unregister the process ignores the signal; getsignal says mine.
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
faulthandler.register(signal.SIGUSR1, file=sys.stdout)
signal.signal(signal.SIGUSR1, mine)
print("unregister:", faulthandler.unregister(signal.SIGUSR1))
print("getsignal is mine:", signal.getsignal(signal.SIGUSR1) is mine)
signal.raise_signal(signal.SIGUSR1)
after("SIG_IGN put back")
# signal.signal() installs the table's handler in the process again.
signal.signal(signal.SIGUSR1, mine)
signal.raise_signal(signal.SIGUSR1)
after("after signal.signal")

# SIG_DFL saved (SIGWINCH: its default is to ignore it): mine is no longer called.
faulthandler.register(signal.SIGWINCH, file=sys.stdout)
signal.signal(signal.SIGWINCH, mine)
faulthandler.unregister(signal.SIGWINCH)
signal.raise_signal(signal.SIGWINCH)
after("SIG_DFL put back")
signal.signal(signal.SIGWINCH, signal.SIG_DFL)

# register() twice: the second keeps what the first saved, and leaves the signal with signal.signal()'s handler.
with tempfile.TemporaryFile("w+") as f:
    signal.signal(signal.SIGUSR2, mine)
    faulthandler.register(signal.SIGUSR2, file=f)
    signal.signal(signal.SIGUSR2, lambda signum, frame: calls.append("the new handler"))
    faulthandler.register(signal.SIGUSR2, file=f, all_threads=False)
    signal.raise_signal(signal.SIGUSR2)
    f.seek(0)
    print("dumped:", bool(f.read()))
    after("second register")
    faulthandler.unregister(signal.SIGUSR2)
    signal.raise_signal(signal.SIGUSR2)
    after("unregistered")

# From another thread: the restored handler still runs in the main thread.
signal.signal(signal.SIGUSR1, mine)
faulthandler.register(signal.SIGUSR1, file=sys.stdout)
faulthandler.unregister(signal.SIGUSR1)
worker = threading.Thread(target=signal.raise_signal, args=(signal.SIGUSR1,))
worker.start()
worker.join()
after("from a thread")
