import queue
import threading

DONE = None  # the producer's last item: "nothing more will come"
readings = queue.Queue()


def produce(lines):
    #| starter
    # for line in lines:
    #     readings.put(float(line))
    # readings.put(DONE)
    #| solution
    try:
        for line in lines:
            readings.put(float(line))
    finally:
        # Even when a line is not a number, the consumer must hear that nothing more will come.
        readings.put(DONE)
    #| end


def consume(results):
    while (value := readings.get()) is not DONE:
        results.append(value)


def main(lines):
    results = []
    consumer = threading.Thread(target=consume, args=(results,), name="consumer")
    producer = threading.Thread(target=produce, args=(lines,), name="producer")
    consumer.start()
    producer.start()
    producer.join()
    consumer.join()
    return results


if __name__ == "__main__":
    print(main(["1.5", "2.5", "oops", "4.0"]))
