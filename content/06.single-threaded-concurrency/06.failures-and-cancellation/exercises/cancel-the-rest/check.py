import asyncio

from checking import expect_equal, load

learner = load()


async def attempt(jobs):
    learner.cancelled.clear()
    try:
        result = await learner.download_all(jobs)
    except BaseException as exc:  # noqa: BLE001 - what download_all raised is what we inspect
        return None, exc, list(learner.cancelled)
    return result, None, list(learner.cancelled)


def failures(exc):
    """The exceptions inside exc (itself, or the leaves of an ExceptionGroup)."""
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for e in exc.exceptions for leaf in failures(e)]
    return [exc]


result, exc, _ = asyncio.run(attempt([("a", 0.1), ("b", 0.05)]))
assert exc is None, f"download_all([('a', 0.1), ('b', 0.05)]) raised {exc!r}: nothing failed there"
expect_equal(result, ["a: 0.1 s", "b: 0.05 s"], "download_all([('a', 0.1), ('b', 0.05)])")

result, exc, cancelled = asyncio.run(attempt([("bad-1", 0.05), ("slow", 0.3), ("slower", 0.4)]))
assert exc is not None, f"download_all with a failing 'bad-1' should raise, but it returned {result!r}"
assert any(isinstance(e, ValueError) for e in failures(exc)), f"download_all should raise bad-1's ValueError (alone or in an ExceptionGroup), not {exc!r}"
expect_equal(
    sorted(cancelled),
    ["slow", "slower"],
    "downloads cancelled by the time download_all raised, after 'bad-1' failed (gather leaves them running)",
)
