import selectors

sel = selectors.DefaultSelector()
print(type(sel).__name__)
sel.close()
