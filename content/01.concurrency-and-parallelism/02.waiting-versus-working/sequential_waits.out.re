page A done
page B done
total: 0\.[56] s
