import asyncio

members = {}                               # name -> StreamWriter, for everyone in the room now


async def handle(reader, writer):
    """One member of the chat room. The first line they send is their name; every later line goes to
    every *other* member as b"name: line\\n". When they hang up, the others get b"name left\\n"."""
    name = (await reader.readline()).decode().strip()
    members[name] = writer
    #| starter
    # while line := await reader.readline():
    #     # Wrong: this answers the sender only, like an echo server.
    #     writer.write(f"{name}: {line.decode()}".encode())
    #     await writer.drain()
    # writer.close()
    # await writer.wait_closed()
    #| solution
    try:
        while line := await reader.readline():
            await tell_others(name, f"{name}: {line.decode()}")
    finally:                               # gone, whether they hung up or the connection broke
        del members[name]
        writer.close()
        await tell_others(name, f"{name} left\n")
    #| end
#| solution


async def tell_others(sender, text):
    for name, other in list(members.items()):   # a copy: members may change while we await
        if name != sender:
            other.write(text.encode())
            try:
                await other.drain()
            except ConnectionError:
                pass                       # that member is leaving; their own handler removes them
#| end


if __name__ == "__main__":
    async def member(port, name, lines):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"{name}\n".encode())
        for line in lines:
            await asyncio.sleep(0.1)
            writer.write(f"{line}\n".encode())
        await asyncio.sleep(0.3)
        writer.close()
        heard = await reader.read()
        print(name, "heard", heard)

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            await asyncio.gather(member(port, "ada", ["hi all"]), member(port, "bob", []))

    asyncio.run(main())
