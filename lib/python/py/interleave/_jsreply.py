"""Replies from the page's JavaScript (a JsProxy of a plain object) as Python values: the net and process runtimes'
requests (net/_remote.py, processes/_host.py) both read them this way."""


def reply_fields(reply, keys):
    """The fields among `keys` that the reply has (absent and null ones left out), converted to Python."""
    out = {}
    for key in keys:
        try:
            value = getattr(reply, key)
        except AttributeError:
            continue
        if value is None:
            continue
        out[key] = value.to_py() if hasattr(value, "to_py") else value
    return out
