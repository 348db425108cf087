slept 0\.[12] s on the running loop
slept 0\.[12] s on the running loop
slept 0\.[12] s on the running loop
