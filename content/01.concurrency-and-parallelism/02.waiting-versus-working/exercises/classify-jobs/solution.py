def classify(wall, cpu):
    """Return "cpu-bound" or "io-bound" for a job that took `wall` seconds on the clock and kept the processor
    busy for `cpu` of them."""
    # Busy for most of the time it took: computing. Otherwise it mostly waited.
    return "cpu-bound" if cpu >= wall / 2 else "io-bound"


def overlapped_time(waits):
    """How long a list of waits (in seconds) takes when they all overlap instead of running one after another."""
    # Started together, the waits end when the longest one does.
    return max(waits, default=0.0)


if __name__ == "__main__":
    print(classify(2.0, 1.9))  # resizing photos
    print(classify(2.0, 0.1))  # downloading pages
    print(overlapped_time([0.3, 0.2]))
