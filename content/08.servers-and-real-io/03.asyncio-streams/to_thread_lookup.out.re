bob: 'TIME\?' after 0\.[12] s
ann: 'REPORT FOR MARCH' after 0\.[56] s
