import multiprocessing as mp

scores = []


def add_score():
    scores.append(100)
    print("child sees:", scores)


if __name__ == "__main__":
    scores.append(1)
    ctx = mp.get_context("spawn")  # the same on every platform (Linux forks by default up to 3.13)
    p = ctx.Process(target=add_score)
    p.start()
    p.join()
    print("parent sees:", scores)
