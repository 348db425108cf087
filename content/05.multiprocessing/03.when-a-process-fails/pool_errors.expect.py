lines = open("output.txt").read().splitlines()
# The child's traceback may be mixed into the output; the parent's four lines come in this order.
mine = [line for line in lines if line.startswith(("map raised", "apply_async", "get() raised", "...and the parent", "a terminated"))]
assert mine == [
    "map raised in the parent: ValueError: invalid literal for int() with base 10: 'x'",
    "apply_async: 10",
    "get() raised in the parent: invalid literal for int() with base 10: 'ten'",
    "...and the parent only sees its exit code: 1",
    "a terminated child's exit code: -15",
], lines
