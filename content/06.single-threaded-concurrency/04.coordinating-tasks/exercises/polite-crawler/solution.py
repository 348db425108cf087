import asyncio

in_flight = 0  # requests the server is handling right now
most_in_flight = 0


async def fetch(url):
    """Pretends to download a page. The server asks clients to keep at most a few requests in flight."""
    global in_flight, most_in_flight
    in_flight += 1
    most_in_flight = max(most_in_flight, in_flight)
    try:
        await asyncio.sleep(0.1)
        return f"<html>{url}</html>"
    finally:
        in_flight -= 1


async def crawl(urls, limit):
    """Fetch every url concurrently, but with at most `limit` fetches in flight at any moment.
    Return the pages in the order of `urls`."""
    #| starter
    # return list(await asyncio.gather(*(fetch(url) for url in urls)))
    #| solution
    semaphore = asyncio.Semaphore(limit)

    async def polite_fetch(url):
        async with semaphore:
            return await fetch(url)

    return list(await asyncio.gather(*(polite_fetch(url) for url in urls)))
    #| end


if __name__ == "__main__":
    pages = asyncio.run(crawl([f"/page/{i}" for i in range(6)], limit=2))
    print(pages[0], f"... {len(pages)} pages, at most {most_in_flight} in flight")
