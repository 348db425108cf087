a: done
a: closed
b: done
b: closed
both ok: a, b in 0\.[23] s
c: closed
d: closed
failed: c: bad data; d cancelled: True
second group over in 0\.[12] s, not 5 s
