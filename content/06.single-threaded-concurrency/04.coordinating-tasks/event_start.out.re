ann: on the line
bo: on the line
cy: on the line
starter: go!
ann: off at 0\.[2-4] s
bo: off at 0\.[2-4] s
cy: off at 0\.[2-4] s
