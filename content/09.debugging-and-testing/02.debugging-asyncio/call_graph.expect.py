# asyncio.print_call_graph() for the current task, then format_call_graph() for each fetch task (in the order of
# all_tasks(), a set: either fetch may come first). Ids are addresses and differ between runs.
import re

text = open("output.txt").read()
blocks = re.split(r"^(?=\* Task\(name=')", text, flags=re.M)
blocks = [b for b in blocks if b.strip()]
names = [re.match(r"\* Task\(name='([^']+)', id=0x[0-9a-f]+\)", b).group(1) for b in blocks]
assert names[0] == "report" and sorted(names[1:]) == ["fetch-a", "fetch-b"], names
for block in blocks:
    assert "  + Call stack:" in block and "  + Awaited by:" in block, block
    assert re.search(r"^    \* Task\(name='Task-1', id=0x[0-9a-f]+\)$", block, re.M), block
    assert "line 19, in async main()" in block, block
assert "call_graph.py', line 12, in async report()" in blocks[0], blocks[0]
for block in blocks[1:]:
    assert "call_graph.py', line 5, in async fetch()" in block, block
