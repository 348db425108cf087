MainThread serves 'bob says hi'
bob: 'BOB SAYS HI' after 0\.[12] s
MainThread serves 'ann says hi'
ann: 'ANN SAYS HI' after 0\.[56] s
