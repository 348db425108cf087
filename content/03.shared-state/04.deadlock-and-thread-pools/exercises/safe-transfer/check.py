import threading

from checking import expect, expect_equal, load

learner = load()


class WatchedLock:
    """A Lock that remembers which thread holds it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.owner = None

    def acquire(self, blocking=True, timeout=-1):
        got = self._lock.acquire(blocking, timeout)
        if got:
            self.owner = threading.get_ident()
        return got

    def release(self):
        self.owner = None
        self._lock.release()

    def locked(self):
        return self._lock.locked()

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


class Account(learner.Account):
    """The learner's Account, but its balance may only change while this thread holds its lock."""

    def __init__(self, number, balance):
        super().__init__(number, balance)
        self.lock = WatchedLock()

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if hasattr(self, "_balance") and self.lock.owner != threading.get_ident():
            unlocked.append(self.number)
        self._balance = value


unlocked = []

# One thread: the money moves, and both balances change under their own locks.
a, b = Account(1, 100), Account(2, 100)
learner.transfer(a, b, 30)
expect_equal((a.balance, b.balance), (70, 130), "balances after transfer(account 1, account 2, 30)")
expect(not unlocked, f"transfer changed the balance of account {unlocked[0] if unlocked else '?'} without holding that account's lock")
expect(not a.lock.locked() and not b.lock.locked(), "a lock was still held after transfer returned")

# Threads moving money both ways round a ring of accounts, on this run's schedule.
accounts = [Account(n, 1_000) for n in (7, 3, 9, 1)]
routes = [(accounts[i], accounts[j]) for i in range(4) for j in range(4) if i != j]


def shuttle(source, target):
    for _ in range(40):
        learner.transfer(source, target, 1)


# Daemon threads, joined with a timeout: a deadlock ends as a failed check with an explanation.
threads = [
    threading.Thread(target=shuttle, args=route, name=f"{route[0].number}-to-{route[1].number}", daemon=True)
    for route in routes
]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=5)
stuck = [t for t in threads if t.is_alive()]
if stuck:
    names = {t.ident: t.name for t in threads}
    held = ", ".join(
        f"thread {names.get(x.lock.owner, '?')} holds account {x.number}'s lock" for x in accounts if x.lock.owner is not None
    )
    raise AssertionError(
        f"Deadlock: {len(stuck)} of 12 transfer threads were still waiting after 5 s ({held}), each waiting for a lock "
        "that another one holds. Take the two locks in the same order in every transfer: lower number first."
    )
expect(not unlocked, f"a balance changed while its account's lock was not held (account {unlocked[0] if unlocked else '?'})")
expect_equal(sum(x.balance for x in accounts), 4_000, "the total of four accounts after 12 threads moved money around")
expect_equal([x.balance for x in accounts], [1_000] * 4, "the balances (every route was used equally both ways)")

# A transfer to the same account must not hang.
t = threading.Thread(target=learner.transfer, args=(a, a, 5), daemon=True)
t.start()
t.join(timeout=2)
expect(not t.is_alive(), "transfer(a, a, 5), from an account to itself, never returned: it waits for a lock it already holds")
expect_equal(a.balance, 70, "balance after transfer(a, a, 5)")
print("No deadlock, no lost money, every balance changed under its lock.")
