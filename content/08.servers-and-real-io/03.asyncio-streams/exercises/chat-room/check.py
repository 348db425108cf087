import asyncio

from checking import expect_equal, load

learner = load()


async def read_lines(name, reader, count):
    lines = []
    for _ in range(count):
        try:
            line = await asyncio.wait_for(reader.readline(), 1)
        except TimeoutError:
            raise AssertionError(f"{name} waited 1 s for a line and got none; so far {name} heard {lines}") from None
        if not line:
            raise AssertionError(f"the server hung up on {name}, who had heard only {lines}")
        lines.append(line.decode().rstrip("\n"))
    return lines


async def until(condition):
    for _ in range(100):
        if condition():
            return
        await asyncio.sleep(0.01)


async def conversation(port, people):
    for name in ("ada", "bob", "cy"):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"{name}\n".encode())
        people[name] = (reader, writer)
    await until(lambda: len(learner.members) == 3)
    assert sorted(learner.members) == ["ada", "bob", "cy"], (
        f"after ada, bob and cy sent their names, members is {learner.members!r}: "
        "each name should map to that member's writer"
    )

    people["ada"][1].write(b"hi all\n")
    expect_equal(await read_lines("bob", people["bob"][0], 1), ["ada: hi all"], "what bob heard after ada sent 'hi all'")
    expect_equal(await read_lines("cy", people["cy"][0], 1), ["ada: hi all"], "what cy heard after ada sent 'hi all'")

    people["cy"][1].close()                # cy hangs up
    expect_equal(
        await read_lines("ada", people["ada"][0], 1),
        ["cy left"],
        "what ada heard next, after cy hung up (her own 'hi all' must not come back to her)",
    )
    expect_equal(await read_lines("bob", people["bob"][0], 1), ["cy left"], "what bob heard after cy hung up")
    await until(lambda: "cy" not in learner.members)
    assert "cy" not in learner.members, "cy hung up, but is still in members: remove a member who has left"

    people["bob"][1].write(b"bye\n")
    expect_equal(
        await read_lines("ada", people["ada"][0], 1),
        ["bob: bye"],
        "what ada heard after bob sent 'bye' (cy, who left, must be skipped)",
    )

    for name in ("ada", "bob"):
        people[name][1].close()
    await until(lambda: not learner.members)
    assert not learner.members, f"everyone hung up, but members still holds {sorted(learner.members)}"


async def trial():
    learner.members.clear()
    server = await asyncio.start_server(learner.handle, "127.0.0.1", 0)
    people = {}
    try:
        await conversation(server.sockets[0].getsockname()[1], people)
    finally:
        for _, writer in people.values():
            writer.close()
        server.close()
        server.close_clients()             # (3.13+) hang up on every member, whatever the handler does
        try:
            await asyncio.wait_for(server.wait_closed(), 2)
        except TimeoutError:
            pass


asyncio.run(trial())
