# unittest's report: the unlocked counter passes under the GIL model, fails free-threaded with the schedule that
# breaks it; the locked one passes.
import re

text = re.sub(r"\x1b\[[0-9;]*m", "", open("output.txt").read())  # 3.14's unittest colours its report
lines = text.splitlines()
def status(test):
    found = [l for l in lines if l.startswith(f"{test} (") and " ... " in l]
    assert len(found) == 1, (test, lines[:5])
    return found[0].rsplit(" ... ", 1)[1]

assert status("test_add_with_gil") == "ok", lines
assert status("test_add_free_threaded") == "FAIL", lines
assert status("test_add_locked_free_threaded") == "ok", lines
assert re.search(r"^AssertionError: AssertionError: counter is 1, not 2 under schedule ft:[0-9x,]+$", text, re.M), text
assert re.search(r"^Ran 3 tests in \d+\.\d+s$", text, re.M), text
assert lines[-1] == "FAILED (failures=1)", lines[-1]
