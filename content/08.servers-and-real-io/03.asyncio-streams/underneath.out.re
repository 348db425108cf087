a selector event loop: True
4 sockets registered; when one is readable, the loop runs:
BaseSelectorEventLoop\._accept_connection
BaseSelectorEventLoop\._read_from_self
_SelectorSocketTransport\._read_ready
_SelectorSocketTransport\._read_ready
