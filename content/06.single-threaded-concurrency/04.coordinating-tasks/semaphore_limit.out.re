10 downloads of 0\.1 s, at most 3 at once: 0\.[4-7] s
