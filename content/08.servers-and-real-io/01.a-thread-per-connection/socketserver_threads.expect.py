import re

lines = open("output.txt").read().splitlines()
assert len(lines) == 4, lines
found = [re.fullmatch(r"(\w+) \(from (Thread-\d+) \(process_request_thread\)\)", line) for line in lines[:3]]
assert all(found), lines
thread_of = {m.group(1): m.group(2) for m in found}
assert sorted(thread_of) == ["BYE", "HEY", "HI"], lines
# one connection, one thread: hi and bye came over the same connection, hey over the other
assert thread_of["HI"] == thread_of["BYE"] != thread_of["HEY"], thread_of
assert lines[3] == "threads left: 1", lines
