"""OSErrors as CPython raises them on Linux: Linux's number, glibc's message and the subclass that number maps to.

Pyodide's C library (Emscripten) numbers errors its own way (ECONNREFUSED is 14 there, 111 on Linux) and its
`OSError(111, ...)` does not become ConnectionRefusedError, so the network layer builds each exception explicitly.
"""

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
# Linux numbers of names the file system shares, whose number means nothing Pyodide's C library raises (9 is its
# EBADMSG, 22 its EFBIG): errno.errorcode names them as Linux does, so a socket's EBADF/EINVAL reads right. (The
# `errno` attributes EBADF and EINVAL keep Pyodide's numbers: files raise those.)
SHARED_NAMES = ("EBADF", "EINVAL")

_BY_NUMBER = {}
for _name, (_number, _message) in ERRNO.items():
    _BY_NUMBER.setdefault(_number, _name)
_BY_NUMBER[ERRNO["ENOTSUP"][0]] = "ENOTSUP"  # as errno.errorcode on Linux names 95 (EOPNOTSUPP is the same number)


def number(name):
    return ERRNO[name][0]


def error(name, *extra):
    """The OSError CPython raises for errno `name` (extra: a filename, as for FileNotFoundError)."""
    num, message = ERRNO[name]
    cls = _CLASSES.get(name, OSError)
    return cls(num, message, *extra)


def from_number(num, message=None):
    """An OSError for a Linux errno number (SO_ERROR values), with the subclass CPython on Linux would pick."""
    name = _BY_NUMBER.get(num)
    if name is None:
        return OSError(num, message or f"Unknown error {num}")
    return _CLASSES.get(name, OSError)(num, message if message is not None else ERRNO[name][1])


def timeout():
    return TimeoutError("timed out")


class ErrnoPatch:
    """Gives the `errno` module Linux's numbers for SOCKET_ONLY during a run, and puts Pyodide's back afterwards."""

    def __init__(self):
        self.saved = None

    def install(self):
        import errno

        if self.saved is not None:
            return
        saved = {}
        codes = {}
        for name in SOCKET_ONLY:
            if name not in ERRNO:
                continue
            saved[name] = getattr(errno, name, None)
            num = ERRNO[name][0]
            setattr(errno, name, num)
        for name in SOCKET_ONLY + SHARED_NAMES:
            num = ERRNO.get(name, (None,))[0]
            if num is not None and num not in codes:
                codes[num] = errno.errorcode.get(num)
                errno.errorcode[num] = _BY_NUMBER.get(num, name)
        self.saved = (saved, codes)

    def restore(self):
        import errno

        if self.saved is None:
            return
        saved, codes = self.saved
        self.saved = None
        for name, value in saved.items():
            if value is None:
                try:
                    delattr(errno, name)
                except AttributeError:
                    pass
            else:
                setattr(errno, name, value)
        for num, name in codes.items():
            if name is None:
                errno.errorcode.pop(num, None)
            else:
                errno.errorcode[num] = name
