import asyncio


def mirror(names, download, digest, save):
    """Download every file in `names`, digest it and save the digest.
    Return {name: digest}.

    - download(name) is a coroutine function: it waits on the network,
      then returns the file's bytes.
    - digest(data) is a plain function that computes for a while, in pure
      Python. Keep what it returns as it is.
    - save(name, value) is a blocking call (think: a database driver
      without async support).

    Today it does one thing at a time, all in the main thread.
    Give each part the tool that suits it.
    """
    results = {}
    for name in names:
        data = asyncio.run(download(name))
        value = digest(data)
        save(name, value)
        results[name] = value
    return results
