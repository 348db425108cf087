"""Interleave's in-browser runtime: runs learners' programs the way `python3 file.py` would."""
