import faulthandler
import threading
import time

try:
    # On your computer: if the program still runs after 2 s, print every thread's stack and exit.
    faulthandler.dump_traceback_later(2, exit=True)
except RuntimeError as error:
    # In the browser there is no watchdog thread to start; the course's deadlock report stands in for it.
    print(f"faulthandler: {error}")


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
one.join()
two.join()
print("balances:", alice.balance, bob.balance)  # never reached
