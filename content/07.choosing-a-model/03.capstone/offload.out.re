^6 files downloaded and digested in \d+\.\d\d s$
^digested in [12] other processes: True$
^longest gap between heartbeats: \d+ ms \(they should come every 20 ms\)$
