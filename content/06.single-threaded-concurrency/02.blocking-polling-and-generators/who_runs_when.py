def gen():
    print("gen: started")
    yield 1
    print("gen: resumed")
    yield 2


async def coro():
    print("coro: started")
    return 3


g = gen()
c = coro()
print("both created")
print(next(g))
print(next(g))
try:
    c.send(None)
except StopIteration as stop:
    print("coro returned", stop.value)
