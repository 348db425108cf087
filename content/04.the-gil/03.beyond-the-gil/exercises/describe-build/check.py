import sys
import sysconfig

from checking import expect_equal, load

learner = load()
real_config = sysconfig.get_config_var
real_is_gil_enabled = sys._is_gil_enabled
MISSING = object()


def pretend(config_value, gil_enabled):
    """Run describe_build() as if on a build with Py_GIL_DISABLED = config_value, where
    sys._is_gil_enabled() returns gil_enabled (MISSING: the function does not exist)."""

    def fake_config(name, *rest):
        if name == "Py_GIL_DISABLED":
            return config_value
        return real_config(name, *rest)

    sysconfig.get_config_var = fake_config
    if gil_enabled is MISSING:
        del sys._is_gil_enabled
    else:
        sys._is_gil_enabled = lambda: gil_enabled
    try:
        return learner.describe_build()
    finally:
        sysconfig.get_config_var = real_config
        sys._is_gil_enabled = real_is_gil_enabled


expect_equal(learner.describe_build(), "gil", "describe_build() here, in the course's standard CPython 3.14")
expect_equal(pretend(0, True), "gil", "describe_build() on a standard 3.13+ build (Py_GIL_DISABLED = 0)")
expect_equal(pretend(None, MISSING), "gil", "describe_build() on Python 3.12 (no Py_GIL_DISABLED, no sys._is_gil_enabled)")
expect_equal(pretend(1, False), "free-threaded", "describe_build() on python3.14t running without the GIL")
expect_equal(
    pretend(1, True),
    "free-threaded, GIL enabled",
    "describe_build() on python3.14t started with PYTHON_GIL=1 (Py_GIL_DISABLED = 1, but sys._is_gil_enabled() is True)",
)
print("Right on all five kinds of interpreter.")
