import threading


class Account:
    def __init__(self, number, balance):
        self.number = number  # a fixed, unique rank for lock ordering
        self.balance = balance
        self.lock = threading.Lock()


def transfer(source, target, amount):
    # Always lock the lower-numbered account first, whichever way the money goes.
    first, second = sorted((source, target), key=lambda account: account.number)
    with first.lock:
        with second.lock:
            source.balance -= amount
            target.balance += amount


def many(source, target, amount, times):
    for _ in range(times):
        transfer(source, target, amount)


a, b, c = Account(1, 1_000), Account(2, 1_000), Account(3, 1_000)
routes = [(a, b, 3), (b, a, 1), (b, c, 2), (c, b, 2), (c, a, 1), (a, c, 1)]
threads = [threading.Thread(target=many, args=(s, t, amount, 300)) for s, t, amount in routes]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("balances:", a.balance, b.balance, c.balance)
print("total:", a.balance + b.balance + c.balance)
