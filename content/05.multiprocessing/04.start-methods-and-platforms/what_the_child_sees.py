import multiprocessing as mp

print(f"top level of the script, as {__name__}")
settings = {"greeting": "hello"}


def child():
    print(f"the child says {settings['greeting']}")


if __name__ == "__main__":
    settings["greeting"] = "bonjour"
    process = mp.Process(target=child)
    process.start()
    process.join()
    print(f"the parent says {settings['greeting']}")
