polling loop:
  first fired
  second fired
  \d{4,} checks in 0\.[23] s, 0\.\d\d s of CPU
sleeping loop:
  first fired
  second fired
  [2-9] checks in 0\.[23] s, 0\.0[0-2] s of CPU
