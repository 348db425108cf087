list\.append:           200,000 of 200,000
counter \+= 1:          200,000 of 200,000
total = total \+ fee\(\): [\d,]+ of 200,000
