import platform
import sys
import sysconfig

print("Python", platform.python_version(), "-", platform.python_implementation())

# 1 on a free-threaded build (python3.14t), 0 or None on a standard one
print("free-threaded build:", bool(sysconfig.get_config_var("Py_GIL_DISABLED")))

# Added in 3.13. True whenever the GIL is on, which is always on a standard build.
print("GIL enabled right now:", sys._is_gil_enabled())

try:
    from concurrent import interpreters  # new in 3.14
except ImportError as error:
    print("concurrent.interpreters: not here:", error)
else:
    print("concurrent.interpreters: available; this interpreter's id is", interpreters.get_current().id)
