import threading

from interleave import threads  # the course's scheduler, as a library


class Account:
    def __init__(self):
        self.balance = 0
        self.lock = threading.Lock()

    def deposit(self, amount):
        balance = self.balance
        self.balance = balance + amount

    def safe_deposit(self, amount):
        with self.lock:
            balance = self.balance
            self.balance = balance + amount


def two_deposits(method):
    """A scenario: start two threads on one account, join them,
    and assert what must hold afterwards."""
    def scenario():
        account = Account()
        deposit = getattr(account, method)
        workers = [threading.Thread(target=deposit, args=(10,)) for _ in range(2)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()
        assert account.balance == 20, f"balance {account.balance}, expected 20"
    return scenario


for model in ["gil", "free-threaded"]:
    print(f"under the {model} model:")
    for method in ["deposit", "safe_deposit"]:
        result = threads.explore(two_deposits(method), runs=200, model=model)
        failure = result.failure
        if failure is None:
            print(f"  {method}: no failure in {result.trials} schedules")
        else:
            plural = "" if failure.preemptions == 1 else "s"
            print(f"  {method}: broken by schedule number {failure.trial}, "
                  f"with {failure.preemptions} preemption{plural}")
            print(f"    {failure.message}")
            print(f"    schedule: {failure.schedule}")
