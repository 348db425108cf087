import threading
import time

seats = 1


def book(name):
    global seats
    if seats > 0:          # check: is a seat free?
        time.sleep(0.01)   # take the payment (a short wait)
        seats -= 1         # act: the seat is ours
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
