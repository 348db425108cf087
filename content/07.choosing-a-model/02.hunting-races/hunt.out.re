^under the gil model:$
^  deposit: no failure in 200 schedules$
^  safe_deposit: no failure in 200 schedules$
^under the free-threaded model:$
^  deposit: broken by schedule number \d+, with 1 preemption$
^    AssertionError: balance 10, expected 20$
^    schedule: ft:[0-9x,]+$
^  safe_deposit: no failure in 200 schedules$
