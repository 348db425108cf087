import threading

from checking import expect_thread_safe, load

learner = load()


def two_deposits():
    account = learner.Account()
    threads = [threading.Thread(target=account.deposit, args=(10,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert account.balance == 20, f"two deposits of 10 left a balance of {account.balance}"


# Safe means safe on every CPython 3.14: with its GIL, and free-threaded (3.14t), where a switch can fall between
# any two bytecodes, even inside `self.balance += amount`.
expect_thread_safe(two_deposits, runs=200, bound=2, model=("gil", "free-threaded"))
