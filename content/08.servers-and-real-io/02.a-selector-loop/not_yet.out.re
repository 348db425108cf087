recv, nothing sent yet: BlockingIOError \[Errno 11\] Resource temporarily unavailable
recv, after a send: b'hello'
recv, all read: BlockingIOError again
recv, after the other end closed: b''
