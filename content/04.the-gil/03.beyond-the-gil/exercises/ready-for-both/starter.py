class Visits:
    """Counts the visits to a web site. Several threads call visit() at once, and a monitoring thread calls
    snapshot() now and then: it must always see whole visits, never one counted in total but not yet in pages."""

    def __init__(self):
        self.total = 0
        self.pages = []

    def visit(self, page):
        self.total += 1
        self.pages.append(page)

    def snapshot(self):
        return self.total, len(self.pages)
