for step in range(3):
    print(f"step {step}")
print("done")
