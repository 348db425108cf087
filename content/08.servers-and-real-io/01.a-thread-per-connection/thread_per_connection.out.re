bob: 'BOB SAYS HI' after 0\.[12] s
ann: 'ANN SAYS HI' after 0\.[56] s
