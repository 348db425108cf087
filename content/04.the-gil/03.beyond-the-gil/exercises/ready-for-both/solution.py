#| solution
import threading


#| end
class Visits:
    """Counts the visits to a web site. Several threads call visit() at once, and a monitoring thread calls
    snapshot() now and then: it must always see whole visits, never one counted in total but not yet in pages."""

    def __init__(self):
        self.total = 0
        self.pages = []
        #| solution
        self.lock = threading.Lock()
        #| end

    def visit(self, page):
        #| starter
        # self.total += 1
        # self.pages.append(page)
        #| solution
        with self.lock:  # both updates as one step: no thread sees one without the other
            self.total += 1
            self.pages.append(page)
        #| end

    def snapshot(self):
        #| starter
        # return self.total, len(self.pages)
        #| solution
        with self.lock:  # the same lock: never in the middle of a visit
            return self.total, len(self.pages)
        #| end
