import pickle
from multiprocessing import Pool


def double(n):
    return 2 * n


if __name__ == "__main__":
    # A function is pickled by its name: the worker imports the module and looks the name up.
    print(pickle.dumps(double, protocol=0))  # protocol 0 is the oldest and the most readable

    with Pool(2) as pool:
        print("double:", pool.map(double, [1, 2, 3]))
        try:
            pool.map(lambda n: 2 * n, [1, 2, 3])  # a lambda has no name to look up
        except Exception as err:
            print(f"lambda: {type(err).__name__}")
