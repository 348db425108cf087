get_nowait\(\): nothing yet, answered in 0\.0\d s
get\(timeout=0\.3\): nothing yet, answered in 0\.[345] s
get\(\) with data waiting: 'hello'
