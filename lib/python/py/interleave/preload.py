"""Standard-library modules imported once when the interpreter starts, so a learner's first run does not pay for them.

This file is also the first step of the prebuilt memory snapshot's recipe (prepareSnapshot in
lib/python/worker/interpreter.ts; interleave.runner.prepare_snapshot is the second): it must import only the standard
library and must not touch JavaScript (a snapshot cannot hold references to JavaScript objects). Changing it, or any
other file of the runtime's Python, changes the snapshot's key, so the next build makes a new one.
"""

import asyncio  # noqa: F401
import collections  # noqa: F401
import concurrent.futures  # noqa: F401
import contextlib  # noqa: F401
import dataclasses  # noqa: F401
import functools  # noqa: F401
import heapq  # noqa: F401
import importlib
import importlib.machinery
import ipaddress  # noqa: F401 - interleave.net resolves addresses with it
import itertools  # noqa: F401
import json  # noqa: F401
import linecache  # noqa: F401
import math  # noqa: F401
import queue  # noqa: F401
import random  # noqa: F401
import re  # noqa: F401
import signal  # noqa: F401
import string  # noqa: F401
import sys
import threading  # noqa: F401
import time  # noqa: F401
import traceback  # noqa: F401
import types  # noqa: F401
import typing  # noqa: F401

# The thread runtime's per-run copies of standard-library modules (interleave/threads/_modules.py swaps these in
# for each run, served by interleave/_swap.py): listed here, where the snapshot's recipe can see them.
THREAD_MODULES = (
    "threading",
    "_threading_local",
    "queue",
    "concurrent.futures",
    "concurrent.futures._base",
    "concurrent.futures.thread",
    "logging",
    "logging.handlers",
    "logging.config",
)

# Standard-library modules the runtime executes afresh in every interpreter: THREAD_MODULES and what interleave.net
# re-executes over its own _socket and select. The standard library is a zip of sources, so without this each would
# be compiled at every start (twice: zipimport's find_spec compiles a module to learn its file name): about 200 ms of
# a warm start in Chromium. Compiled here, the code objects are in the memory snapshot. name -> (spec, code object);
# a name missing here is compiled as before.
RECOMPILED = THREAD_MODULES + ("selectors", "socket", "asyncio.streams")


def _precompile(names):
    out = {}
    for name in names:
        parent = name.rpartition(".")[0]
        path = importlib.import_module(parent).__path__ if parent else None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "get_code"):
            out[name] = (spec, spec.loader.get_code(name))
    return out


PRECOMPILED = _precompile(RECOMPILED)
del _precompile

if __name__ == "__main__":
    # Run as the snapshot's recipe (lib/python/worker/index.ts runs this text in __main__): kept as the module
    # interleave.preload, so the runtime's `import interleave.preload` finds it in memory, compiled code included,
    # rather than executing this file again. (Without a snapshot, that import executes it: the same work, once.)
    _preload = types.ModuleType("interleave.preload", __doc__)
    _preload.THREAD_MODULES = THREAD_MODULES
    _preload.RECOMPILED = RECOMPILED
    _preload.PRECOMPILED = PRECOMPILED
    sys.modules["interleave.preload"] = _preload
    del _preload
