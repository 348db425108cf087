import multiprocessing as mp

scores = []


def add_score():
    scores.append(100)
    print("child sees:", scores)


if __name__ == "__main__":
    scores.append(1)
    p = mp.Process(target=add_score)
    p.start()
    p.join()
    print("parent sees:", scores)
