import time


def fetch(name, seconds):
    time.sleep(seconds)  # waiting for "the network"
    print(f"{name} done")


start = time.perf_counter()
fetch("page A", 0.3)
fetch("page B", 0.2)
print(f"total: {time.perf_counter() - start:.1f} s")
