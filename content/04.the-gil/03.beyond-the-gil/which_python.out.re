Python 3\.1[4-9]\.\d+ - CPython
free-threaded build: False
GIL enabled right now: True
concurrent\.interpreters: .+
