# Conformance: asyncio's Unix-socket streams and the StreamReader API: readline, readuntil, readexactly, at_eof,
# IncompleteReadError, LimitOverrunError, write_eof and half-closed streams
# expect: same
import asyncio
import os
import tempfile

path = os.path.join(tempfile.mkdtemp(), "s.sock")
handled = None


async def handle(reader, writer):
    writer.write(b"line one\nrecord;another;xyz")
    await writer.drain()
    writer.write_eof()
    data = await reader.read()
    print("server got", data, "at EOF:", reader.at_eof())
    writer.close()
    handled.set()


async def main():
    global handled
    handled = asyncio.Event()
    server = await asyncio.start_unix_server(handle, path)
    print("listening on a path:", server.sockets[0].getsockname() == path)
    reader, writer = await asyncio.open_unix_connection(path)
    print(await reader.readline())
    print(await reader.readuntil(b";"))
    print(await reader.readexactly(7))
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected)
    print(reader.at_eof(), await reader.read())
    writer.write(b"thanks")
    writer.write_eof()
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    await handled.wait()
    server.close()
    await server.wait_closed()
    small = asyncio.StreamReader(limit=4)
    small.feed_data(b"too long line\n")
    try:
        await small.readline()
    except ValueError as e:
        print("ValueError", e)


asyncio.run(main())
if os.path.exists(path):  # Python 3.13+ removes it when the server closes
    os.unlink(path)
