def double(n):
    """Return twice n."""
    #| starter
    # return n
    #| solution
    return 2 * n
    #| end
