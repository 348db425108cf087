import multiprocessing as mp

if __name__ == "__main__":
    print("default start method:", mp.get_start_method())
    print("available here:", mp.get_all_start_methods())
    for method in ("fork", "forkserver", "spawn"):
        try:
            ctx = mp.get_context(method)
        except ValueError as error:
            print(f"{method:>10}: {error}")
        else:
            print(f"{method:>10}: a context that starts {ctx.Process.__name__} objects")
