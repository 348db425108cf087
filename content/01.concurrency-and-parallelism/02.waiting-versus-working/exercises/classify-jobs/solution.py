def classify(wall, cpu):
    """Answer "cpu-bound" or "io-bound": the job took `wall` s
    on the clock and kept the processor busy for `cpu` s."""
    #| starter
    # return "?"
    #| solution
    # Busy for most of the time it took: computing. Otherwise it mostly waited.
    return "cpu-bound" if cpu >= wall / 2 else "io-bound"
    #| end


def overlapped_time(waits):
    """Seconds that `waits` take if they all overlap."""
    #| starter
    # return sum(waits)
    #| solution
    # Started together, the waits end when the longest one does.
    return max(waits, default=0.0)
    #| end


if __name__ == "__main__":
    print(classify(2.0, 1.9))  # resizing photos
    print(classify(2.0, 0.1))  # downloading pages
    print(overlapped_time([0.3, 0.2]))
