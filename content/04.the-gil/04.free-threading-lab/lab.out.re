Python 3\.14, free-threaded build: False, GIL enabled: True
4 jobs of crunch\(300_000\)
CPUs this process may use: \d+
one after the other: \d+\.\d\d s
4 threads: \d+\.\d\d s, speed-up (0\.\d|1\.[0-2])x
4 processes: \d+\.\d\d s, speed-up \d+\.\dx
4 interpreters: not available on this Python
