import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def slow(label):
    time.sleep(0.3)
    print(f"{label} finished", flush=True)
    return label


if __name__ == "__main__":
    with Pool(1) as pool:
        pool.apply_async(slow, ("the Pool's job",))  # started; nobody waits for its result
    print("after the Pool block")

    with ProcessPoolExecutor(1) as executor:
        executor.submit(slow, "the executor's job")  # started; nobody waits for its result
    print("after the executor block")
