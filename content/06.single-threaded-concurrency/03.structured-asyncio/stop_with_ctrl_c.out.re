[ab]: cleaning up after [23] rounds
[ab]: cleaning up after [23] rounds
main: cleaning up
KeyboardInterrupt after 0\.[3-5] s, everything cleaned up
