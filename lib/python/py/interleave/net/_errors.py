"""OSErrors as CPython raises them on Linux: Linux's number, glibc's message and the subclass that number maps to.

Pyodide's C library (Emscripten) numbers errors its own way (ECONNREFUSED is 14 there, 111 on Linux), and CPython's
table from numbers to OSError subclasses (`errnomap`, built from the C library's constants in
Objects/exceptions.c, _PyExc_InitState) knows only those numbers: `OSError(111, ...)` stays a plain OSError. So the
network layer builds each exception explicitly, and during a run the `errno` module's socket names are
`LinuxErrno` numbers: Linux's number for everything a program sees (printing, arithmetic, `errno.errorcode`), equal
and hashed as the C library's number too, so `OSError(errno.EPIPE, ...)` finds BrokenPipeError in `errnomap` and
`e.errno == errno.EAGAIN` holds for an error the C library raised (a non-blocking pipe's read) as for the network's.
"""

from .. import _swap
from ._linux import ERRNO

_CLASSES = {
    "EAGAIN": BlockingIOError,
    "EWOULDBLOCK": BlockingIOError,
    "EINPROGRESS": BlockingIOError,
    "EALREADY": BlockingIOError,
    "EPIPE": BrokenPipeError,
    "ESHUTDOWN": BrokenPipeError,
    "ECONNABORTED": ConnectionAbortedError,
    "ECONNREFUSED": ConnectionRefusedError,
    "ECONNRESET": ConnectionResetError,
    "EEXIST": FileExistsError,
    "ENOENT": FileNotFoundError,
    "EINTR": InterruptedError,
    "EACCES": PermissionError,
    "EPERM": PermissionError,
    "ETIMEDOUT": TimeoutError,
}

# Names the loopback network raises that files never do: for the length of a run the `errno` module gives their Linux
# numbers, so `e.errno == errno.ECONNREFUSED` holds. (EBADF, EINVAL, ENOENT... keep Pyodide's numbers: the file
# system raises them too.)
SOCKET_ONLY = (
    "EAGAIN",
    "EWOULDBLOCK",
    "EPIPE",
    "EADDRINUSE",
    "EADDRNOTAVAIL",
    "ENETDOWN",
    "ENETUNREACH",
    "ENETRESET",
    "ECONNABORTED",
    "ECONNRESET",
    "ENOBUFS",
    "EISCONN",
    "ENOTCONN",
    "ESHUTDOWN",
    "ETIMEDOUT",
    "ECONNREFUSED",
    "EHOSTDOWN",
    "EHOSTUNREACH",
    "EALREADY",
    "EINPROGRESS",
    "ENOTSOCK",
    "EDESTADDRREQ",
    "EMSGSIZE",
    "EPROTOTYPE",
    "ENOPROTOOPT",
    "EPROTONOSUPPORT",
    "ESOCKTNOSUPPORT",
    "EOPNOTSUPP",
    "ENOTSUP",
    "EPFNOSUPPORT",
    "EAFNOSUPPORT",
)
# Names the file system shares whose Linux number means nothing Pyodide's C library raises (9 is its EBADMSG, 22
# its EFBIG): errno.errorcode names those numbers as Linux does, so a socket's EBADF/EINVAL reads right, and `errno`
# gives them as LinuxErrno, equal to the file system's number too.
SHARED_NAMES = ("EBADF", "EINVAL")

_BY_NUMBER = {}
for _name, (_number, _message) in ERRNO.items():
    _BY_NUMBER.setdefault(_number, _name)
_BY_NUMBER[ERRNO["ENOTSUP"][0]] = "ENOTSUP"  # as errno.errorcode on Linux names 95 (EOPNOTSUPP is the same number)


class LinuxErrno(int):
    """A socket errno as Linux numbers it, also equal to (and hashed as) the number Pyodide's C library gives it.

    The one thing it gives up: a dict keyed by this name is not found by Linux's number written as a literal
    (`{errno.EAGAIN: ...}[11]`), since its hash is the C library's number's, which `errnomap` needs."""

    def __new__(cls, linux, native):
        self = super().__new__(cls, linux)
        _NATIVE[linux] = native
        return self

    def __eq__(self, other):
        if isinstance(other, int):
            return int(other) == int(self) or int(other) == _NATIVE[int(self)]
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self):
        return hash(_NATIVE[int(self)])

    def __reduce__(self):
        return (int, (int(self),))  # another process compares a plain number the same way


_NATIVE = {}  # Linux number -> the C library's number, for LinuxErrno


def number(name):
    return ERRNO[name][0]


def error(name, *extra):
    """The OSError CPython raises for errno `name` (extra: a filename, as for FileNotFoundError)."""
    num, message = ERRNO[name]
    cls = _CLASSES.get(name, OSError)
    return cls(_as_errno(name, num), message, *extra)


def from_number(num, message=None):
    """An OSError for a Linux errno number (SO_ERROR values), with the subclass CPython on Linux would pick."""
    name = _BY_NUMBER.get(num)
    if name is None:
        return OSError(num, message or f"Unknown error {num}")
    return _CLASSES.get(name, OSError)(_as_errno(name, num), message if message is not None else ERRNO[name][1])


def _as_errno(name, num):
    """The `errno` module's value for `name` when it is `num` (a LinuxErrno during a run), so that `e.errno` finds
    what is keyed by `errno.NAME`; else the plain number."""
    import errno

    value = getattr(errno, name, None)
    return value if isinstance(value, LinuxErrno) and int(value) == num else num


def _linux_strerror(original, numbers):
    def strerror(code):
        """Return a string describing the error code (Linux's words for the network's numbers)."""
        if isinstance(code, int) and int(code) in numbers:
            return ERRNO[_BY_NUMBER[int(code)]][1]
        return original(code)

    return strerror


def timeout():
    return TimeoutError("timed out")


class ErrnoPatch:
    """Gives the `errno` module Linux's numbers for SOCKET_ONLY during a run (and `os.strerror` Linux's messages for
    them), and puts Pyodide's back afterwards."""

    def __init__(self):
        self.saved = None

    def install(self):
        import errno

        if self.saved is not None:
            return
        saved = {}
        codes = {}
        for name in SOCKET_ONLY + SHARED_NAMES:
            if name not in ERRNO:
                continue
            saved[name] = getattr(errno, name, None)
            num = ERRNO[name][0]
            native = saved[name]
            setattr(errno, name, num if native is None or native == num else LinuxErrno(num, int(native)))
        for name in SOCKET_ONLY + SHARED_NAMES:
            num = ERRNO.get(name, (None,))[0]
            if num is not None and num not in codes:
                codes[num] = errno.errorcode.get(num)
                errno.errorcode[num] = _BY_NUMBER.get(num, name)
        self.saved = (saved, codes, self._patch_strerror(codes))

    @staticmethod
    def _patch_strerror(numbers):
        import os

        original = os.strerror
        os.strerror = _linux_strerror(original, frozenset(numbers))
        return original

    def restore(self):
        import errno

        if self.saved is None:
            return
        saved, codes, strerror = self.saved
        self.saved = None
        import os

        os.strerror = strerror
        _swap.put_back(errno, saved)
        for num, name in codes.items():
            if name is None:
                errno.errorcode.pop(num, None)
            else:
                errno.errorcode[num] = name
