import threading

shared = threading.local()


def handle(user):
    shared.user = user  # an attribute of `shared` that only this thread sees
    greet()


def greet():
    print(f"{threading.current_thread().name} serves {shared.user}")


threads = [threading.Thread(target=handle, args=(user,), name=f"worker-{user}") for user in ("ada", "grace")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("the main thread has a user?", hasattr(shared, "user"))
