8 naps of 0\.3 s took 0\.[34] s
