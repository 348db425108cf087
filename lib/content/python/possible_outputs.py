"""Which outputs can a program print? The driver behind <PossibleOutputs> (the learner's "Check" and
`npm run content:check`): runs the program under every schedule of the interpreter model with at most `bound`
preemptions (interleave.threads.outcomes, the schedule search of _explore.py) and prints the distinct outputs,
each with a schedule that prints it, as JSON after a marker on the last line.

    python possible_outputs.py   # with PROGRAM, RUNS, BOUND and MODEL set by the request (see possible-outputs.ts)
"""

import json
import sys

from interleave import threads
from interleave.threads import _explore

MARKER = "\x1einterleave-outcomes "


def main(path, runs, bound, model):
    result = threads.outcomes(_explore.program(path), runs=runs, bound=bound, model=model)
    report = {
        "model": result.model,
        "bound": result.bound,
        "trials": result.trials,
        "exhausted": result.exhausted,
        "seconds": round(result.seconds, 3),
        "outcomes": [
            {
                "output": o.output,
                "schedule": o.schedule,
                "preemptions": o.preemptions,
                "count": o.count,
                "failure": None if o.failure is None else {"kind": o.failure[0], "message": o.failure[1][:400]},
            }
            for o in result.found.values()
        ],
    }
    sys.__stdout__.write("\n" + MARKER + json.dumps(report) + "\n")
    sys.__stdout__.flush()
