import faulthandler
import threading
import time

# A watchdog: if the program still runs 2 s from now, print every thread's stack to stderr.
# (exit=True would also end the program there, with exit code 1.)
faulthandler.dump_traceback_later(2)


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(source, target, amount):
    with source.lock:
        time.sleep(0.01)  # look up the exchange rate, say
        with target.lock:
            source.balance -= amount
            target.balance += amount


alice, bob = Account("alice", 100), Account("bob", 100)
one = threading.Thread(target=transfer, args=(alice, bob, 10), name="alice-to-bob")
two = threading.Thread(target=transfer, args=(bob, alice, 20), name="bob-to-alice")
one.start()
two.start()
print("both transfers started", flush=True)
one.join()
two.join()
print("balances:", alice.balance, bob.balance)  # never reached
