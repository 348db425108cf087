from concurrent.futures import ThreadPoolExecutor


def save(record):
    if record == "bad":
        raise ValueError(f"cannot save {record!r}")
    print("saved", record)


with ThreadPoolExecutor(max_workers=2) as pool:
    for record in ["a", "bad", "c"]:
        pool.submit(save, record)  # the future is dropped: nobody will read its exception
print("finished without a word about 'bad'")
