import threading


class Account:
    def __init__(self):
        self.balance = 0

    def deposit(self, amount):
        balance = self.balance
        self.balance = balance + amount


account = Account()
threads = [threading.Thread(target=account.deposit, args=(10,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("balance:", account.balance)
