# Conformance: threading.settrace installs a trace function in threads started afterwards.
# expect: same
import threading

calls = []


def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name.startswith("job"):
        calls.append((threading.current_thread().name, frame.f_code.co_name))
    return None


def job_a():
    return 1


def job_b():
    return job_a() + 1


threading.settrace(tracer)
t = threading.Thread(target=job_b, name="traced")
t.start()
t.join()
threading.settrace(None)
u = threading.Thread(target=job_b, name="untraced")
u.start()
u.join()
print(calls)
print("gettrace after reset:", threading.gettrace())
