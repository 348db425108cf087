CPUs for this process: \d+, pool of \d+ processes
serial:   9592 primes in \d+\.\d\d s
parallel: 9592 primes in \d+\.\d\d s
speed-up: \d+\.\dx with \d+ processes
