called directly: 0 heartbeats during 0\.3 s of blocking work
asyncio\.to_thread: [2-7] heartbeats during 0\.3 s of blocking work
