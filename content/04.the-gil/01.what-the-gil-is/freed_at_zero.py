class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):  # called when the object is freed
        print(f"  {self.name} freed")


print("make a")
a = Noisy("a")
b = a
print("del a: b still refers to it")
del a
print("b = None: that was the last reference")
b = None
print("end")
