client connected
client sent
server got b'hello\\n'
client got b'HELLO\\n'
and then b''
