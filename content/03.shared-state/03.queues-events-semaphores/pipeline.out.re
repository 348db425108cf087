9 pages by 3 workers in 0\.[3-6] s
\(9 downloads of 0\.1 s: 0\.9 s one after another\)
