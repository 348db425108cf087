process id: \d+
running in: MainThread
is the main thread: True
threads alive: 1
