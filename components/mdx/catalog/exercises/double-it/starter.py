def double(n):
    """Return twice n."""
    return n
