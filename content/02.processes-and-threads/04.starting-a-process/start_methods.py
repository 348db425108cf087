import multiprocessing as mp

print("this Python starts processes by:", mp.get_start_method())
print("start methods it offers:", mp.get_all_start_methods())

for method in ["spawn", "forkserver", "fork"]:
    try:
        mp.get_context(method)  # a context: Process, Queue, Pool... that start children this way
    except ValueError as error:
        print(f"{method}: not here ({error})")
    else:
        print(f"{method}: available")
