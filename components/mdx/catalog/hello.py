name = input("Your name? ")
for i in range(3):
    print(f"{i + 1}. Hello, {name}!")
