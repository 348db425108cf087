import threading


class Account:
    def __init__(self, number, balance):
        self.number = number  # unique: use it to order the locks
        self.balance = balance
        self.lock = threading.Lock()


def transfer(source, target, amount):
    """Move `amount` from source to target, holding both accounts' locks,
    in a way that can never deadlock."""
    #| starter
    # with source.lock:
    #     with target.lock:
    #| solution
    if source is target:
        return  # nothing moves, and locking one Lock twice would block for ever
    first, second = sorted((source, target), key=lambda account: account.number)
    with first.lock:
        with second.lock:
    #| end
            source.balance -= amount
            target.balance += amount


if __name__ == "__main__":
    a, b = Account(1, 100), Account(2, 100)
    one = threading.Thread(target=lambda: [transfer(a, b, 1) for _ in range(500)])
    two = threading.Thread(target=lambda: [transfer(b, a, 1) for _ in range(500)])
    one.start()
    two.start()
    one.join()
    two.join()
    print(a.balance, b.balance)
