# Conformance: logging's %(threadName)s names the thread that logged.
# expect: same
import logging
import sys
import threading

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(threadName)s: %(message)s")
log = logging.getLogger("demo")


def work(i):
    log.info("working on %d", i)


for i in range(2):
    t = threading.Thread(target=work, args=(i,), name=f"worker-{i}")
    t.start()
    t.join()
t = threading.Thread(target=lambda: log.info("default name"))
t.start()
t.join()
log.info("all done")
