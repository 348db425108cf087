start and join a thread:  \d+\.\d\d ms
start and join a process: \d+\.\d ms
summing a list of a million ints: \d+ ms
pickling a list of a million ints: 4\.9 MB in \d+ ms
sending it to a process and back an answer: \d+ ms
