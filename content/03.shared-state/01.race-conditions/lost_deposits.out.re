balance: [\d,]+ \(4 threads deposited 50,000 x 1: expected 200,000\)
