import threading


class Shelf:
    """Holds at most `capacity` items. put() waits while the shelf is full,
    take() waits while it is empty; items come out in the order they went in."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.changed = threading.Condition()

    def put(self, item):
        with self.changed:
            #| solution
            self.changed.wait_for(lambda: len(self.items) < self.capacity)
            #| end
            self.items.append(item)
            #| solution
            self.changed.notify_all()
            #| end

    def take(self):
        with self.changed:
            #| starter
            # return self.items.pop(0)
            #| solution
            self.changed.wait_for(lambda: self.items)
            item = self.items.pop(0)
            self.changed.notify_all()
            return item
            #| end

    def __len__(self):
        with self.changed:
            return len(self.items)


if __name__ == "__main__":
    shelf = Shelf(2)
    taker = threading.Thread(target=lambda: print("took", shelf.take()))
    taker.start()  # the shelf is empty: take() should wait...
    shelf.put("bread")  # ...until this
    taker.join()
