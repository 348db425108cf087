without a lock: counter = \d+ of 40000
with get_lock\(\): counter = 40000 of 40000
