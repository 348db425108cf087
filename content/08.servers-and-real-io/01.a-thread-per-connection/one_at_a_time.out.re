ann: 'ANN SAYS HI' after 0\.[56] s
bob: 'BOB SAYS HI' after 0\.[5-7] s
