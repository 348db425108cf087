^fetch 6 pages at once \(asyncio\):        0\.[2-4] s$
^parse them in threads \(to_thread\):      0\.[1-3] s, in \d threads$
^score them in processes \(process pool\): \d+\.\d s, in [12] other processes: True$
