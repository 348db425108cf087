"""Standard-library modules imported once when the interpreter starts, so a learner's first run does not pay for them.

This file is also the recipe of the prebuilt memory snapshot (scripts/build-runtime.mjs --snapshot): it must import
only the standard library and must not touch JavaScript (a snapshot cannot hold references to JavaScript objects).
Changing it changes the snapshot's key, so the next build makes a new one.
"""

import asyncio  # noqa: F401
import collections  # noqa: F401
import concurrent.futures  # noqa: F401
import contextlib  # noqa: F401
import dataclasses  # noqa: F401
import functools  # noqa: F401
import heapq  # noqa: F401
import itertools  # noqa: F401
import json  # noqa: F401
import linecache  # noqa: F401
import math  # noqa: F401
import queue  # noqa: F401
import random  # noqa: F401
import re  # noqa: F401
import signal  # noqa: F401
import string  # noqa: F401
import threading  # noqa: F401
import time  # noqa: F401
import traceback  # noqa: F401
import types  # noqa: F401
import typing  # noqa: F401
