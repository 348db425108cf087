ann: 'REPORT FOR MARCH' after 0\.[67] s
bob: 'TIME\?' after 0\.[67] s
