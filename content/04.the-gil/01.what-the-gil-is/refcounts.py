import sys

data = [1, 2, 3]
print("one name:", sys.getrefcount(data))  # data, plus getrefcount's own argument

alias = data
print("two names:", sys.getrefcount(data))

box = {"x": data, "y": data}  # a container holds references too
print("in a dict twice:", sys.getrefcount(data))

del alias
box.clear()
print("back to one name:", sys.getrefcount(data))
