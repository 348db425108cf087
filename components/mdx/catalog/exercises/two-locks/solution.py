import threading
import time

a = threading.Lock()
b = threading.Lock()


def first():
    with a:
        time.sleep(0.01)
        with b:
            print("first has both")


def second():
    #| starter
    # with b:
    #| solution
    with a:
    #| end
        time.sleep(0.01)
        #| starter
        # with a:
        #| solution
        with b:
        #| end
            print("second has both")


if __name__ == "__main__":
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
