from multiprocessing import Process
from multiprocessing.shared_memory import ShareableList


def shout(names, i):
    names[i] = names[i].upper()  # writes into the shared block: the parent sees it


if __name__ == "__main__":
    names = ShareableList(["ada", "grace", "linus"])
    try:
        workers = [Process(target=shout, args=(names, i)) for i in range(len(names))]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        print(list(names))
        try:
            names[0] = "Ada Lovelace"
        except ValueError as error:
            print("ValueError:", error)
        print(len(names), "items, and always", len(names))
    finally:
        names.shm.close()
        names.shm.unlink()
