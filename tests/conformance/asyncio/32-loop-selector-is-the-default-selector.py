# Conformance: the event loop's selector is an instance of selectors.DefaultSelector (EpollSelector on Linux)
# expect: same
import asyncio
import selectors


async def main():
    sel = asyncio.get_running_loop()._selector
    print(type(sel).__name__, type(sel).__module__, isinstance(sel, selectors.BaseSelector), isinstance(sel, selectors.DefaultSelector))
    print(len(sel.get_map()) >= 1)


asyncio.run(main())
