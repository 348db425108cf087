"""Interleave's in-browser runtime: runs learners' programs the way `python3 file.py` would."""


def ack_interrupt():
    """Tells the page that Stop's SIGINT arrived (interleave_host.ack_interrupt): it stops repeating the signal, so
    the clean-up the interrupt sets off is not interrupted in turn. Outside the worker (the runtime's own tests
    under plain Node) nobody listens."""
    try:
        import interleave_host
    except ImportError:
        return
    interleave_host.ack_interrupt()
