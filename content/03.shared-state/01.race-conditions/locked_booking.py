import threading
import time

seats = 1
seats_lock = threading.Lock()


def book(name):
    global seats
    with seats_lock:
        if seats > 0:
            time.sleep(0.01)
            seats -= 1
            print(f"{name} booked a seat")
        else:
            print(f"{name}: sold out")


ann = threading.Thread(target=book, args=("Ann",))
bob = threading.Thread(target=book, args=("Bob",))
ann.start()
bob.start()
ann.join()
bob.join()
print("seats left:", seats)
