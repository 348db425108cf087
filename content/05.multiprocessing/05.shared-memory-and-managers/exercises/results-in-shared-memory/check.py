from multiprocessing import shared_memory

from checking import expect, expect_equal, load

if __name__ == "__main__":
    learner = load()
    unlinked = []
    original_unlink = shared_memory.SharedMemory.unlink

    def counting_unlink(self):
        unlinked.append(self.name)
        return original_unlink(self)

    shared_memory.SharedMemory.unlink = counting_unlink
    try:
        got = learner.squares_in_parallel([1, 2, 3, 4])
    finally:
        shared_memory.SharedMemory.unlink = original_unlink
    if got == [0, 0, 0, 0]:
        expect(False, "squares_in_parallel([1, 2, 3, 4]) returned [0, 0, 0, 0]: each child squared into its own copy "
                      "of the list (a Process's arguments are pickled), and the parent's list never changed. Give the "
                      "children memory they share with the parent.")
    expect_equal(got, [1, 4, 9, 16], "squares_in_parallel([1, 2, 3, 4])")
    expect(type(got) is list, f"squares_in_parallel should return a list, not a {type(got).__name__} (copy the values out)")
    expect(unlinked, "the shared memory block was never unlinked: on your computer it would outlive the program "
                     "(on Linux, in /dev/shm). Close it and unlink it once the children are done.")
