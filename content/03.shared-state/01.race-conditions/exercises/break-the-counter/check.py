from checking import expect_schedule_breaks, load

learner = load()

# The program of the runner "Two threads, you schedule them" (be_the_scheduler.py), line for line: a schedule
# taken from stepping through it there fits it here.
PROGRAM = """import threading

counter = 0


def add_two(name):
    global counter
    for _ in range(2):
        value = counter           # read
        print(name, "read", value)  # a call: when it returns, CPython may switch threads
        counter = value + 1       # write


first = threading.Thread(target=add_two, args=("first",))
second = threading.Thread(target=add_two, args=("second",))
first.start()
second.start()
first.join()
second.join()
print("counter =", counter, "(4 if no update was lost)")
"""


def no_update_lost(program_globals):
    counter = program_globals["counter"]
    assert counter == 4, f"counter is {counter}: an update was lost"


expect_schedule_breaks(PROGRAM, getattr(learner, "SCHEDULE", None), no_update_lost, filename="be_the_scheduler.py")
