timeout\(\): gave up after 0\.[23] s
wait_for\(\): gave up after 0\.[34] s
in time: 42
