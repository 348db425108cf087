^    tasks: 10000 started and finished, +\d+ µs each$
^  threads:   200 started and finished, +\d+ µs each$
^processes:     2 started and finished, +\d+ µs each$
