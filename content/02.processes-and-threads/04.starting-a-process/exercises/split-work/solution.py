def split_work(n_items, n_workers):
    """Split the item numbers 0 .. n_items-1 into n_workers ranges of nearly equal size, in order.

    Returns a list of (start, stop) pairs, one per worker: worker k handles range(start, stop).
    """
    size, extra = divmod(n_items, n_workers)
    chunks = []
    start = 0
    for k in range(n_workers):
        stop = start + size + (1 if k < extra else 0)
        chunks.append((start, stop))
        start = stop
    return chunks
