ann: 'ANN SAYS HI' after 0\.[56] s
bob: 'BOB SAYS HI' after 0\.[5-7] s
ali: 'ALI SAYS HI' after 0\.[7-9] s
