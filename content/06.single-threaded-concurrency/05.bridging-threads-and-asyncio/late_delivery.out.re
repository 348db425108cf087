^put_nowait from the thread: got the parcel after 1\.\d s$
^call_soon_threadsafe: got the parcel after 0\.\d s$
