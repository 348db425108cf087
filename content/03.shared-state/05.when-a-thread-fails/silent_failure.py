import threading

totals = {}


def add_up(day, text):
    totals[day] = sum(int(x) for x in text.split(","))


threads = [
    threading.Thread(target=add_up, args=("monday", "3,4,5")),
    threading.Thread(target=add_up, args=("tuesday", "6,seven,8")),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("joined both threads")
print("totals:", totals)
