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
    if not sysconfig.get_config_var("Py_GIL_DISABLED"):  # 0, or None before 3.13
        return "gil"
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)
    return "free-threaded, GIL enabled" if gil_enabled() else "free-threaded"


if __name__ == "__main__":
    print(describe_build())
