def classify(wall, cpu):
    """Answer "cpu-bound" or "io-bound": the job took `wall` s
    on the clock and kept the processor busy for `cpu` s."""
    return "?"


def overlapped_time(waits):
    """Seconds that `waits` take if they all overlap."""
    return sum(waits)


if __name__ == "__main__":
    print(classify(2.0, 1.9))  # resizing photos
    print(classify(2.0, 0.1))  # downloading pages
    print(overlapped_time([0.3, 0.2]))
