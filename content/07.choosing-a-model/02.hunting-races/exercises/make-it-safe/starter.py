import threading


class Account:
    def __init__(self):
        self.balance = 0

    def deposit(self, amount):
        balance = self.balance
        self.balance = balance + amount
