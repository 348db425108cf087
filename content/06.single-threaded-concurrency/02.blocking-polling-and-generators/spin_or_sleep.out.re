polling loop:
  first fired
  second fired
  \d{4,} checks in 0\.[23] s
sleeping loop:
  first fired
  second fired
  [3-6] checks in 0\.[23] s
