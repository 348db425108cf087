import os
import threading

me = threading.current_thread()
print("process id:", os.getpid())
print("running in:", me.name)
print("is the main thread:", me is threading.main_thread())
print("threads alive:", threading.active_count())
