# Conformance: SimpleQueue, JoinableQueue with task_done/join, Queue.get timeout raising queue.Empty
# expect: same
import multiprocessing as mp
import queue


def consume(jq, results):
    while True:
        item = jq.get()
        if item is None:
            jq.task_done()
            break
        results.put(item * 3)
        jq.task_done()


def ping(sq):
    sq.put("pong")


if __name__ == "__main__":
    sq = mp.SimpleQueue()
    p = mp.Process(target=ping, args=(sq,))
    p.start()
    print(sq.get(), sq.empty())
    p.join()

    jq, results = mp.JoinableQueue(), mp.SimpleQueue()
    p = mp.Process(target=consume, args=(jq, results))
    p.start()
    for i in range(5):
        jq.put(i)
    jq.put(None)
    jq.join()
    print("all tasks done:", sorted(results.get() for _ in range(5)))
    p.join()

    q = mp.Queue()
    try:
        q.get(timeout=0.1)
    except queue.Empty:
        print("queue.Empty after the timeout")
    q.put(1)
    print(q.get(timeout=5))
