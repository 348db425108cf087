send took all 10 MB: False
next send: BlockingIOError \(the connection is full\)
writable now: False
writable after the reader caught up: True
