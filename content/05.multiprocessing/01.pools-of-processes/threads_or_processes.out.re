one after another: \d+\.\d\d s
ThreadPoolExecutor with 2 workers: \d+\.\d\d s
ProcessPoolExecutor with 2 workers: \d+\.\d\d s
