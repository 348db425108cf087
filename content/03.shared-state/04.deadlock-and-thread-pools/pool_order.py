import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def cook(dish, minutes):
    time.sleep(minutes / 10)
    return dish


orders = [("soup", 3), ("salad", 1), ("pasta", 2)]
with ThreadPoolExecutor(max_workers=3) as pool:
    print("map:", list(pool.map(cook, *zip(*orders))))

    futures = [pool.submit(cook, dish, minutes) for dish, minutes in orders]
    print("as_completed:", [f.result() for f in as_completed(futures)])
