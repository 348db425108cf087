import random
import threading
import time


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


# For this demo only: both threads wait here until each holds its first lock, so that
# they collide on every run. Without it they collide only sometimes, which is what
# makes deadlocks so hard to find.
both_hold_one = threading.Barrier(2)


def transfer(source, target, amount):
    me = threading.current_thread().name
    for attempt in range(1, 6):
        with source.lock:
            if attempt == 1:
                both_hold_one.wait()
            if target.lock.acquire(timeout=0.1):  # False if not free within 0.1 s
                try:
                    source.balance -= amount
                    target.balance += amount
                finally:
                    target.lock.release()
                print(f"{me}: done on attempt {attempt}")
                return True
        # Leaving the with block released source.lock: the other thread can go on.
        print(f"{me}: no luck on attempt {attempt}, backing off")
        time.sleep(random.uniform(0.01, 0.1))  # a random pause: no lockstep retries
    return False


alice = Account("alice", 100)
bob = Account("bob", 100)
one = threading.Thread(target=transfer, args=(alice, bob, 10), name="alice-to-bob")
two = threading.Thread(target=transfer, args=(bob, alice, 20), name="bob-to-alice")
one.start()
two.start()
one.join()
two.join()
print("balances:", alice.balance, bob.balance)
