# Thread 1 reads counter (0) and prints it; at the switch point after print returns, the main thread takes the
# GIL (0) and starts thread 2, which runs to the end (2); then thread 1 writes its stale value + 1.
SCHEDULE = "gil:1x2,0,2"
