import multiprocessing as mp


def square(n):
    return n * n


if __name__ == "__main__":
    mp.set_start_method("spawn")  # once, in the main program, before anything starts
    try:
        mp.set_start_method("spawn")  # a second time: refused
    except RuntimeError as error:
        print("second set_start_method:", error)

    ctx = mp.get_context("spawn")  # a context: its own Pool, Process, Queue... for one method
    with ctx.Pool(2) as pool:
        print(pool.map(square, range(5)))
