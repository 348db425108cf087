us answered after 0\.[12] s
asia answered after 0\.[23] s
eu answered after 0\.[34] s
first: \['us'\] still running: 2
cancelled: 2
