"""What a program may need that some browsers lack, and how a run says so.

Green threads, multiprocessing's blocking waits and step mode suspend the interpreter's stack with WebAssembly stack
switching (JSPI: Chrome and Edge 137+, Firefox 153+, Safari 27+). Processes also need shared memory
(SharedArrayBuffer in a cross-origin isolated page). Where the browser lacks one, the program is stopped at the
first thing that needs it, with `Unsupported`, instead of running with other semantics than CPython's (threads run
one after the other) or crashing. The runner reports the run as "unsupported" with `needs` and the message; the
page then shows the example's run recorded in Chromium, or the message for an edited program.

A BaseException, like KeyboardInterrupt: `except Exception` in the learner's program must not swallow it.
"""

NO_JSPI = "WebAssembly stack switching (JSPI), which Chrome and Edge 137+, Firefox 153+ and Safari 27+ have"


class Unsupported(BaseException):
    """The program needs `needs` ("threads" or "processes"), which this browser cannot give it."""

    def __init__(self, needs, message):
        super().__init__(message)
        self.needs = needs
        self.message = message


def threads():
    return Unsupported("threads", f"This browser cannot run threads yet: starting a thread needs {NO_JSPI}.")


def processes(shared_memory, jspi):
    if not shared_memory:
        why = (
            "shared memory (SharedArrayBuffer), which this browser does not give the page (a cross-origin "
            "isolated page in Chrome, Edge, Firefox and Safari has it)"
        )
    else:
        why = NO_JSPI
    return Unsupported("processes", f"This browser cannot run processes yet: multiprocessing needs {why}.")
