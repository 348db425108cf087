import threading
import time

balance = 0


def validate(amount):
    """A little bookkeeping, as real code has: refuse odd amounts."""
    for ok in (amount > 0, amount < 1_000):
        if not ok:
            raise ValueError(f"refused: {amount}")
    return amount


def deposit(amount, times):
    global balance
    time.sleep(0.01)  # let all four threads start, so that they deposit at the same time
    for _ in range(times):
        balance = balance + validate(amount)  # read balance, call validate, write balance


threads = [threading.Thread(target=deposit, args=(1, 50_000)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance: {balance:,} (4 threads deposited 50,000 x 1: expected 200,000)")
