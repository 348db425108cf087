import threading

balance = 0
balance_lock = threading.Lock()


def validate(amount):
    for ok in (amount > 0, amount < 1_000):
        if not ok:
            raise ValueError(f"refused: {amount}")
    return amount


def deposit(amount, times):
    global balance
    for _ in range(times):
        with balance_lock:  # one thread at a time from here...
            balance = balance + validate(amount)
        # ...to here: the lock is released, even if validate() raised


threads = [threading.Thread(target=deposit, args=(1, 50_000)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance: {balance:,}")
