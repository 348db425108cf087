import threading


class Account:
    def __init__(self, balance):
        self.balance = balance
        self._lock = threading.RLock()  # try threading.Lock() here

    def deposit(self, amount):
        with self._lock:
            self.balance += amount

    def withdraw(self, amount):
        with self._lock:
            if amount > self.balance:
                raise ValueError("insufficient funds")
            self.balance -= amount

    def pay_fee(self, fee, tip):
        with self._lock:  # the fee and the tip as one step: nobody sees half of it
            self.withdraw(fee)  # takes the lock again, in the same thread
            self.withdraw(tip)


account = Account(100)
threads = [threading.Thread(target=account.pay_fee, args=(10, 2)) for _ in range(5)]
threads += [threading.Thread(target=account.deposit, args=(7,)) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("balance:", account.balance)
