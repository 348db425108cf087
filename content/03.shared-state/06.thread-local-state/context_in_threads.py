import contextvars
import threading

request_id = contextvars.ContextVar("request_id", default="(none)")


def log(message):
    print(f"[{request_id.get()}] {message}")


request_id.set("req-42")
log("in the main thread")

plain = threading.Thread(target=log, args=("in a new thread",))
plain.start()
plain.join()

given = threading.Thread(target=log, args=("in a thread given a copy",), context=contextvars.copy_context())
given.start()
given.join()
