import multiprocessing as mp


def double_all(numbers, results):
    numbers.append(99)  # changes the child's copy
    results.put([n * 2 for n in numbers])


if __name__ == "__main__":
    numbers = [1, 2, 3]
    results = mp.Queue()
    p = mp.Process(target=double_all, args=(numbers, results))
    p.start()
    print("the child sent:", results.get())
    p.join()
    print("the parent's list:", numbers)
