import threading


class Account:
    def __init__(self):
        self.balance = 0
        #| solution
        self.lock = threading.Lock()
        #| end

    def deposit(self, amount):
        #| starter
        # balance = self.balance
        # self.balance = balance + amount
        #| solution
        with self.lock:
            balance = self.balance
            self.balance = balance + amount
        #| end
