# Conformance: a Barrier across three processes; a Condition with wait_for/notify_all
# expect: same
import multiprocessing as mp


def meet(barrier, out, i):
    n = barrier.wait()
    out.put(("passed", i, 0 <= n < 3))


def waiter(cond, flag, out):
    with cond:
        cond.wait_for(lambda: flag.value == 1, timeout=30)
        out.put(("flag seen", flag.value))


if __name__ == "__main__":
    barrier, out = mp.Barrier(3), mp.Queue()
    ps = [mp.Process(target=meet, args=(barrier, out, i)) for i in range(3)]
    for p in ps:
        p.start()
    print(sorted(out.get() for _ in ps))
    for p in ps:
        p.join()
    print("parties:", barrier.parties, "broken:", barrier.broken)

    cond, flag = mp.Condition(), mp.Value("i", 0)
    p = mp.Process(target=waiter, args=(cond, flag, out))
    p.start()
    with cond:
        flag.value = 1
        cond.notify_all()
    print(out.get())
    p.join()
