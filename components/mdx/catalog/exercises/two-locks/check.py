from checking import expect_thread_safe, load
import threading

learner = load()


def scenario():
    threads = [threading.Thread(target=learner.first), threading.Thread(target=learner.second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


expect_thread_safe(scenario, model=("gil", "free-threaded"))
