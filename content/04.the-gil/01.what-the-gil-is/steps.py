import dis

counter = 0
total = 0


def fee(amount):
    return amount


def add_one():
    global counter
    counter += 1


def add_fee():
    global total
    total = total + fee(1)


SKIP = {"RESUME", "LOAD_CONST", "RETURN_VALUE", "RETURN_CONST", "POP_TOP", "NOP"}
for function in (add_one, add_fee):
    print(f"--- {function.__name__}: the interpreter's steps")
    for step in dis.get_instructions(function):
        if step.opname in SKIP:
            continue
        note = "   <- calls fee: a switch point as fee starts" if step.opname == "CALL" else ""
        print(f"{step.opname:<15} {step.argrepr or step.argval}{note}")
