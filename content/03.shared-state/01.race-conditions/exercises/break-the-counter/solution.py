# Thread 1 runs its read (1x2); the main thread goes on (0x2) and starts thread 2, which
# runs to the end; then thread 1 writes its stale value.
SCHEDULE = "1x2,0x2,2"
