"""Value, Array, RawValue and RawArray in a SharedArrayBuffer: memory that every process of the run really shares.

CPython puts them in an mmap'ed heap as ctypes objects. A browser worker's own memory cannot be shared, so here
each lives in a SharedArrayBuffer and every access goes through typed loads and stores (lib/python/worker/
processes.ts). As on CPython, `v.value += 1` is a load and a store: without the lock, parallel processes lose
updates. The synchronized wrappers take their lock (an RLock by default) around each access.

Both ways in are covered: the contexts' Value/Array/RawValue/RawArray (multiprocessing.Value...) and the
multiprocessing.sharedctypes module's own functions. Their classes carry the names CPython's have.
"""

from . import _host

# typecode -> (size, ctypes name)
_TYPES = {
    "c": (1, "c_char"), "u": (4, "c_wchar"), "b": (1, "c_byte"), "B": (1, "c_ubyte"), "?": (1, "c_bool"),
    "h": (2, "c_short"), "H": (2, "c_ushort"), "i": (4, "c_int"), "I": (4, "c_uint"), "l": (4, "c_long"),
    "L": (4, "c_ulong"), "q": (8, "c_longlong"), "Q": (8, "c_ulonglong"), "f": (4, "c_float"), "d": (8, "c_double"),
}
_INTS = set("bBhHiIlLqQ")


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str):
        if typecode_or_type not in _TYPES:
            raise TypeError(f"bad typecode (must be one of {', '.join(sorted(_TYPES))}): {typecode_or_type!r}")
        return typecode_or_type
    code = getattr(typecode_or_type, "_type_", None)
    if isinstance(code, str) and code in _TYPES:
        return code
    raise TypeError(f"cannot share {typecode_or_type!r} between processes here: use a typecode such as 'i' or 'd' or a ctypes type like c_int")


def _check(code, value):
    if code == "c":
        if not (isinstance(value, (bytes, bytearray)) and len(value) == 1):
            raise TypeError("one character bytes, bytearray or integer expected")
        return value[0]
    if code == "u":
        if not (isinstance(value, str) and len(value) == 1):
            raise TypeError("unicode string expected instead of %s instance" % type(value).__name__)
        return ord(value)
    if code == "?":
        return 1 if value else 0
    if code in _INTS:
        if isinstance(value, float):
            raise TypeError("int expected instead of float")
        value = value.__index__()
        size = _TYPES[code][0] * 8
        if code in "BHILQ":
            value &= (1 << size) - 1
        else:
            value = (value + (1 << (size - 1))) % (1 << size) - (1 << (size - 1))
        return value
    if not isinstance(value, (int, float)):
        raise TypeError("must be real number, not %s" % type(value).__name__)
    return float(value)


def _out(code, raw):
    if code == "c":
        return bytes([int(raw)])
    if code == "u":
        return chr(int(raw))
    if code == "?":
        return bool(raw)
    if code in _INTS:
        return int(raw)
    return float(raw)


class _Memory:
    __slots__ = ("id", "code", "length", "size")

    def __init__(self, code, length, mem_id=None):
        self.code = code
        self.length = length
        self.size = _TYPES[code][0]
        self.id = _host.js.alloc(max(1, self.size * length)) if mem_id is None else mem_id

    def get(self, i):
        return _out(self.code, _host.js.load(self.id, i * self.size, self.code))

    def set(self, i, value):
        _host.js.store(self.id, i * self.size, self.code, _check(self.code, value))


def _assert_spawning(obj):
    from multiprocessing import context

    context.assert_spawning(obj)


class RawValueObject:
    """A ctypes-like scalar (c_int, c_double...) in shared memory. Each typecode has a subclass named as the ctypes
    type it stands for (`type(v)` prints `<class 'ctypes.c_int'>`, as on CPython)."""

    __slots__ = ("_mem",)

    def __init__(self, code, *args, _mem=None):
        self._mem = _mem or _Memory(code, 1)
        if _mem is None and args:
            self.value = args[0]

    @property
    def value(self):
        return self._mem.get(0)

    @value.setter
    def value(self, v):
        self._mem.set(0, v)

    def __repr__(self):
        return f"{_TYPES[self._mem.code][1]}({self.value!r})"

    def __reduce__(self):
        _assert_spawning(self)
        return _rebuild_value, (self._mem.id, self._mem.code)


class RawArrayObject:
    """A ctypes-like array in shared memory: indexing, slices, len, iteration; .value/.raw for 'c' arrays. Each
    shape has a subclass named as CPython's (`multiprocessing.sharedctypes.c_int_Array_3`)."""

    __slots__ = ("_mem",)

    def __init__(self, code, size_or_initializer, _mem=None):
        if _mem is not None:
            self._mem = _mem
            return
        if isinstance(size_or_initializer, int):
            self._mem = _Memory(code, size_or_initializer)
        else:
            init = list(size_or_initializer) if not isinstance(size_or_initializer, (bytes, bytearray)) else [bytes([b]) for b in size_or_initializer]
            self._mem = _Memory(code, len(init))
            for i, v in enumerate(init):
                self._mem.set(i, v)

    def __len__(self):
        return self._mem.length

    def _index(self, i):
        n = self._mem.length
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("invalid index")
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            items = [self._mem.get(k) for k in range(*i.indices(self._mem.length))]
            return b"".join(items) if self._mem.code == "c" else ("".join(items) if self._mem.code == "u" else items)
        return self._mem.get(self._index(i.__index__()))

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            idx = range(*i.indices(self._mem.length))
            values = [bytes([b]) for b in value] if self._mem.code == "c" and isinstance(value, (bytes, bytearray)) else list(value)
            if len(values) != len(idx):
                raise ValueError("Can only assign sequence of same size")
            for k, v in zip(idx, values):
                self._mem.set(k, v)
            return
        self._mem.set(self._index(i.__index__()), value)

    def __iter__(self):
        for k in range(self._mem.length):
            yield self._mem.get(k)

    @property
    def value(self):
        if self._mem.code == "c":
            return self.raw.split(b"\0", 1)[0]
        if self._mem.code == "u":
            return "".join(self).split("\0", 1)[0]
        raise AttributeError("value")

    @value.setter
    def value(self, v):
        if self._mem.code not in "cu":
            raise AttributeError("value")
        if len(v) > self._mem.length:
            raise ValueError("byte string too long")
        self[: len(v)] = v
        if len(v) < self._mem.length:
            self[len(v)] = b"\0" if self._mem.code == "c" else "\0"

    @property
    def raw(self):
        if self._mem.code != "c":
            raise AttributeError("raw")
        return bytes(_host.js.loadBytes(self._mem.id, 0, self._mem.length).to_py())

    def __reduce__(self):
        _assert_spawning(self)
        return _rebuild_array, (self._mem.id, self._mem.code, self._mem.length)


_classes = {}


def _value_class(code):
    cls = _classes.get(code)
    if cls is None:
        name = _TYPES[code][1]
        cls = _classes[code] = type(name, (RawValueObject,), {"__slots__": (), "__module__": "ctypes", "__qualname__": name})
    return cls


def _array_class(code, length):
    key = (code, length)
    cls = _classes.get(key)
    if cls is None:
        name = f"{_TYPES[code][1]}_Array_{length}"
        cls = _classes[key] = type(name, (RawArrayObject,), {"__slots__": (), "__module__": "multiprocessing.sharedctypes", "__qualname__": name})
    return cls


def _new_value(code, *args):
    return _value_class(code)(code, *args)


def _new_array(code, size_or_initializer):
    obj = RawArrayObject(code, size_or_initializer)
    obj.__class__ = _array_class(code, obj._mem.length)
    return obj


def _rebuild_value(mem_id, code):
    return _value_class(code)(code, _mem=_Memory(code, 1, mem_id))


def _rebuild_array(mem_id, code, length):
    return _array_class(code, length)(code, None, _mem=_Memory(code, length, mem_id))


class SynchronizedBase:
    def __init__(self, obj, lock=None, ctx=None):
        self._obj = obj
        if not lock:
            lock = (ctx or _get_context()).RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __reduce__(self):
        _assert_spawning(self)
        return _resynchronize, (self._obj, self._lock)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return "<%s wrapper for %s>" % (type(self).__name__, self._obj)


def _locked_property(name, writable=True):
    """An attribute of the wrapped object, read (and written) under the wrapper's lock, as sharedctypes'
    make_property makes them."""

    def get(self):
        with self._lock:
            return getattr(self._obj, name)

    def set(self, v):
        with self._lock:
            setattr(self._obj, name, v)

    return property(get, set if writable else None)


class Synchronized(SynchronizedBase):
    value = _locked_property("value")


class SynchronizedArray(SynchronizedBase):
    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self._lock:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self._lock:
            self._obj[i] = value

    def __iter__(self):
        with self._lock:
            return iter(list(self._obj))


class SynchronizedString(SynchronizedArray):
    value = _locked_property("value")
    raw = _locked_property("raw", writable=False)


def _get_context():
    from multiprocessing import get_context

    return get_context()


def _resynchronize(obj, lock):
    return synchronized(obj, lock)


# multiprocessing.sharedctypes' functions, over shared memory (patch_sharedctypes puts them in that module).


def RawValue(typecode_or_type, *args):
    return _new_value(_typecode(typecode_or_type), *args)


def RawArray(typecode_or_type, size_or_initializer):
    return _new_array(_typecode(typecode_or_type), size_or_initializer)


def _wrap(obj, lock, ctx):
    if lock is False:
        return obj
    if lock in (True, None):
        ctx = ctx or _get_context()
        lock = ctx.RLock()
    if not hasattr(lock, "acquire"):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return synchronized(obj, lock, ctx=ctx)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    return _wrap(RawValue(typecode_or_type, *args), lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return _wrap(RawArray(typecode_or_type, size_or_initializer), lock, ctx)


def copy(obj):
    code = obj._mem.code
    if isinstance(obj, RawArrayObject):
        return _new_array(code, list(obj))
    return _new_value(code, obj.value)


def synchronized(obj, lock=None, ctx=None):
    assert not isinstance(obj, SynchronizedBase), "object already synchronized"
    if isinstance(obj, RawValueObject):
        return Synchronized(obj, lock, ctx)
    if isinstance(obj, RawArrayObject):
        return (SynchronizedString if obj._mem.code == "c" else SynchronizedArray)(obj, lock, ctx)
    raise TypeError(f"cannot synchronize {type(obj).__name__!r} here: only values and arrays made by multiprocessing")


_SHAREDCTYPES = (RawValue, RawArray, Value, Array, copy, synchronized, SynchronizedBase, Synchronized, SynchronizedArray, SynchronizedString)
for _obj in _SHAREDCTYPES:
    _obj.__module__ = "multiprocessing.sharedctypes"
    _obj.__qualname__ = _obj.__name__


def patch_sharedctypes(mod):
    """multiprocessing.sharedctypes, executed for the run: its values and arrays live in shared memory too (CPython's
    own would live in an mmap'ed heap, which cannot be handed to a child here)."""
    for obj in _SHAREDCTYPES:
        setattr(mod, obj.__name__, obj)


def patch_context(context_module):
    """Value/Array/RawValue/RawArray of every context use shared memory from here."""
    base = context_module.BaseContext

    def RawValue(self, typecode_or_type, *args):
        return _new_value(_typecode(typecode_or_type), *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        return _new_array(_typecode(typecode_or_type), size_or_initializer)

    def Value(self, typecode_or_type, *args, lock=True):
        return _wrap(self.RawValue(typecode_or_type, *args), lock, self.get_context())

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        return _wrap(self.RawArray(typecode_or_type, size_or_initializer), lock, self.get_context())

    for fn in (RawValue, RawArray, Value, Array):
        original = getattr(base, fn.__name__)
        fn.__qualname__ = original.__qualname__
        fn.__module__ = original.__module__
        fn.__doc__ = original.__doc__
        setattr(base, fn.__name__, fn)


def patch_synchronize(mod):
    """synchronize.Barrier keeps its state in a two-int shared array (CPython: an mmap'ed heap buffer)."""
    barrier = mod.Barrier

    def __init__(self, parties, action=None, timeout=None, *, ctx):
        cond = ctx.Condition()
        self.__setstate__((parties, action, timeout, cond, RawArrayObject("i", 2)))
        self._state = 0
        self._count = 0

    def __setstate__(self, state):
        (self._parties, self._action, self._timeout, self._cond, self._wrapper) = state
        self._array = self._wrapper

    for fn in (__init__, __setstate__):
        fn.__qualname__ = f"Barrier.{fn.__name__}"
        fn.__module__ = barrier.__module__
        setattr(barrier, fn.__name__, fn)



