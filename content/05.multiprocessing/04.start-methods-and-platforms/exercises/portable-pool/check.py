# Runs the learner's greet_all under the start method of this Python (spawn in the browser: the only one here).
import multiprocessing as mp
import os

from checking import expect, expect_equal, load


def greet_all(learner, names, greeting):
    try:
        return learner.greet_all(names, greeting)
    except KeyError as error:
        expect(
            False,
            f"greet_all({names!r}, {greeting!r}) failed in a worker process with KeyError: {error}. With the "
            f"'{mp.get_start_method()}' start method each worker imports your module afresh, so `settings` is empty "
            "there: what the parent stored after import never reaches it. Hand the greeting to the workers.",
        )


if __name__ == "__main__":
    learner = load()
    # One call (each pool starts two processes): another greeting than the program's own "Hello".
    pairs = greet_all(learner, ["Ada", "Grace", "Linus"], "Bonjour")
    expect_equal([text for text, _pid in pairs], ["Bonjour, Ada!", "Bonjour, Grace!", "Bonjour, Linus!"],
                 'greet_all(["Ada", "Grace", "Linus"], "Bonjour"), the texts')
    expect(all(pid != os.getpid() for _text, pid in pairs),
           "the greetings must be made in the pool's worker processes, not in the parent "
           f"(the parent's pid is {os.getpid()}, greet_all returned pids {[pid for _t, pid in pairs]})")
