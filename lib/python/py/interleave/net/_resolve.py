"""Names and addresses on a machine whose only network is its loopback interface.

`localhost` and the machine's own name are 127.0.0.1 (and ::1 when an IPv6 address is asked for); numeric addresses
are parsed as glibc parses them; every other name fails as it does on a machine without network, with
`socket.gaierror: [Errno -3] Temporary failure in name resolution`. Nothing here ever leaves the browser.
"""

import ipaddress

from ._linux import SOCKET as C

AF_UNSPEC = C["AF_UNSPEC"]
AF_INET = C["AF_INET"]
AF_INET6 = C["AF_INET6"]
SOCK_STREAM = C["SOCK_STREAM"]
SOCK_DGRAM = C["SOCK_DGRAM"]
SOCK_RAW = C["SOCK_RAW"]
IPPROTO_TCP = C["IPPROTO_TCP"]
IPPROTO_UDP = C["IPPROTO_UDP"]
AI_PASSIVE = C["AI_PASSIVE"]
AI_CANONNAME = C["AI_CANONNAME"]
AI_NUMERICHOST = C["AI_NUMERICHOST"]
AI_NUMERICSERV = C["AI_NUMERICSERV"]
AI_V4MAPPED = C["AI_V4MAPPED"]
AI_ALL = C["AI_ALL"]
NI_NUMERICHOST = C["NI_NUMERICHOST"]
NI_NUMERICSERV = C["NI_NUMERICSERV"]
NI_NAMEREQD = C["NI_NAMEREQD"]
NI_DGRAM = C["NI_DGRAM"]

HOSTNAME = "interleave"
LOOPBACK4 = "127.0.0.1"
LOOPBACK6 = "::1"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", HOSTNAME}
_LOCAL6_NAMES = {"localhost6", "localhost6.localdomain6", "ip6-localhost", "ip6-loopback"}

EAI = {
    "EAI_AGAIN": (C["EAI_AGAIN"], "Temporary failure in name resolution"),
    "EAI_NONAME": (C["EAI_NONAME"], "Name or service not known"),
    "EAI_SERVICE": (C["EAI_SERVICE"], "Servname not supported for ai_socktype"),
    "EAI_FAMILY": (C["EAI_FAMILY"], "ai_family not supported"),
    "EAI_ADDRFAMILY": (C["EAI_ADDRFAMILY"], "Address family for hostname not supported"),
    "EAI_SOCKTYPE": (C["EAI_SOCKTYPE"], "ai_socktype not supported"),
    "EAI_BADFLAGS": (C["EAI_BADFLAGS"], "Bad value for ai_flags"),
}

# A few lines of /etc/services: name -> (port, protocols).
SERVICES = {
    "echo": (7, ("tcp", "udp")),
    "discard": (9, ("tcp", "udp")),
    "daytime": (13, ("tcp", "udp")),
    "ftp-data": (20, ("tcp",)),
    "ftp": (21, ("tcp",)),
    "ssh": (22, ("tcp",)),
    "telnet": (23, ("tcp",)),
    "smtp": (25, ("tcp",)),
    "time": (37, ("tcp", "udp")),
    "whois": (43, ("tcp",)),
    "domain": (53, ("tcp", "udp")),
    "gopher": (70, ("tcp",)),
    "finger": (79, ("tcp",)),
    "http": (80, ("tcp",)),
    "pop3": (110, ("tcp",)),
    "nntp": (119, ("tcp",)),
    "ntp": (123, ("udp",)),
    "imap2": (143, ("tcp",)),
    "snmp": (161, ("tcp", "udp")),
    "irc": (194, ("tcp",)),
    "ldap": (389, ("tcp",)),
    "https": (443, ("tcp",)),
    "submission": (587, ("tcp",)),
    "imaps": (993, ("tcp",)),
    "pop3s": (995, ("tcp",)),
    "mysql": (3306, ("tcp",)),
    "postgresql": (5432, ("tcp",)),
    "http-alt": (8080, ("tcp",)),
}
_ALIASES = {"imap": "imap2", "www": "http", "nameserver": "domain", "mail": "smtp", "postgres": "postgresql", "webcache": "http-alt"}
PROTOCOLS = {"ip": 0, "icmp": 1, "igmp": 2, "tcp": 6, "udp": 17, "ipv6": 41, "ipv6-icmp": 58, "udplite": 136, "raw": 255}


def gaierror(code):
    import socket

    num, message = EAI[code]
    return socket.gaierror(num, message)


def herror(num, message):
    import socket

    return socket.herror(num, message)


def is_local_name(name):
    return name.lower().rstrip(".") in _LOCAL_NAMES


def is_local6_name(name):
    return name.lower().rstrip(".") in _LOCAL6_NAMES


def ipv4(text):
    """Packed IPv4 address of a dotted quad (inet_pton's strict form), or None."""
    try:
        return ipaddress.IPv4Address(text).packed
    except (ipaddress.AddressValueError, ValueError):
        return None


def ipv6(text):
    """(packed IPv6 address, scope id) of an IPv6 literal (with an optional %scope), or None."""
    scope = 0
    if "%" in text:
        text, _, zone = text.partition("%")
        if zone.isdigit():
            scope = int(zone)
        elif zone == "lo":
            scope = 1
        else:
            return None
    try:
        return ipaddress.IPv6Address(text).packed, scope
    except (ipaddress.AddressValueError, ValueError):
        return None


def text4(packed):
    return str(ipaddress.IPv4Address(packed))


def text6(packed):
    return str(ipaddress.IPv6Address(packed))


def lookup(name, family):
    """Addresses of a host name for `family` (AF_INET, AF_INET6 or AF_UNSPEC), as [(family, text)], or a gaierror."""
    if is_local_name(name):
        if family == AF_INET6:
            return [(AF_INET6, LOOPBACK6)]
        return [(AF_INET, LOOPBACK4)]
    if is_local6_name(name):
        if family == AF_INET:
            raise gaierror("EAI_ADDRFAMILY")
        return [(AF_INET6, LOOPBACK6)]
    raise gaierror("EAI_AGAIN")


def host_address(name, family):
    """What CPython's setipaddr() makes of a host string for a socket of `family`: the address as text."""
    if name == "":
        return "0.0.0.0" if family == AF_INET else "::"
    if name in ("255.255.255.255", "<broadcast>"):
        if family not in (AF_INET, AF_UNSPEC):
            raise OSError("address family mismatched")
        return "255.255.255.255"
    if family in (AF_UNSPEC, AF_INET):
        packed = ipv4(name)
        if packed is not None:
            return text4(packed)
    if family in (AF_UNSPEC, AF_INET6) and "%" not in name:
        found = ipv6(name)
        if found is not None:
            return text6(found[0])
    if family == AF_INET6 and "%" in name:
        found = ipv6(name)
        if found is not None:
            return text6(found[0])
    if family == AF_INET and ipv6(name) is not None:
        raise gaierror("EAI_ADDRFAMILY")
    if family == AF_INET6 and ipv4(name) is not None:
        raise gaierror("EAI_ADDRFAMILY")
    return lookup(name, family)[0][1]


def service_port(service, socktype, flags):
    """The port number of a service given as str/bytes (digits or a name in SERVICES)."""
    if isinstance(service, bytes):
        service = service.decode("ascii", "replace")
    if service.isdigit():
        return int(service)
    if flags & AI_NUMERICSERV:
        raise gaierror("EAI_NONAME")
    name = _ALIASES.get(service, service)
    entry = SERVICES.get(name)
    protocol = {SOCK_STREAM: "tcp", SOCK_DGRAM: "udp"}.get(socktype)
    if entry is None or (protocol is not None and protocol not in entry[1]):
        raise gaierror("EAI_SERVICE")
    return entry[0]


def _kinds(socktype, proto):
    kinds = []
    for st, pr in ((SOCK_STREAM, IPPROTO_TCP), (SOCK_DGRAM, IPPROTO_UDP), (SOCK_RAW, 0)):
        if socktype and socktype != st:
            continue
        if proto and (st == SOCK_RAW or proto != pr):
            continue
        kinds.append((st, proto if st == SOCK_RAW and proto else pr))
    return kinds


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):  # noqa: A002 - CPython's parameter names
    if host is not None and not isinstance(host, (str, bytes, bytearray)):
        raise TypeError("getaddrinfo() argument 1 must be string or None")
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("ascii")
    elif isinstance(host, str):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise UnicodeError("encoding with 'idna' codec failed") from exc
    if port is None:
        portnum = 0
    elif isinstance(port, int) and not isinstance(port, bool):
        portnum = port
    elif isinstance(port, (str, bytes)):
        portnum = None
    else:
        raise OSError("Int or String expected")
    if family not in (AF_UNSPEC, AF_INET, AF_INET6):
        if family == C["AF_UNIX"]:
            raise gaierror("EAI_FAMILY")
        raise gaierror("EAI_FAMILY")
    if type not in (0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW) and type < 8:
        raise gaierror("EAI_SOCKTYPE")
    if host is None and port is None:
        raise gaierror("EAI_NONAME")
    addresses = []  # (family, text, scope)
    canon = ""
    if host is None:
        if flags & AI_PASSIVE:
            addresses = [(AF_INET, "0.0.0.0", 0), (AF_INET6, "::", 0)]
        else:
            addresses = [(AF_INET6, LOOPBACK6, 0), (AF_INET, LOOPBACK4, 0)]
        addresses = [a for a in addresses if family in (AF_UNSPEC, a[0])]
    else:
        if host == "":
            raise gaierror("EAI_NONAME")
        packed4 = ipv4(host)
        found6 = ipv6(host)
        if packed4 is not None:
            if family == AF_INET6:
                if not flags & AI_V4MAPPED:
                    raise gaierror("EAI_ADDRFAMILY")
                addresses = [(AF_INET6, "::ffff:" + text4(packed4), 0)]
            else:
                addresses = [(AF_INET, text4(packed4), 0)]
            canon = host
        elif found6 is not None:
            if family == AF_INET:
                raise gaierror("EAI_ADDRFAMILY")
            addresses = [(AF_INET6, text6(found6[0]), found6[1])]
            canon = host
        else:
            if flags & AI_NUMERICHOST:
                raise gaierror("EAI_NONAME")
            addresses = [(fam, text, 0) for fam, text in lookup(host, family)]
            canon = host.lower()
    kinds = _kinds(type, proto)
    if portnum is None:
        portnum = service_port(port, type, flags)
        entry = SERVICES.get(_ALIASES.get(str(port), str(port)))
        if entry is not None:
            # A named service comes with the protocols /etc/services lists for it (no raw socket).
            wanted = {"tcp": SOCK_STREAM, "udp": SOCK_DGRAM}
            kinds = [k for k in kinds if k[0] in {wanted[p] for p in entry[1]}]
    if not (0 <= portnum <= 65535):
        raise gaierror("EAI_SERVICE")
    out = []
    for fam, text, scope in addresses:
        for st, pr in kinds:
            sockaddr = (text, portnum) if fam == AF_INET else (text, portnum, 0, scope)
            out.append((fam, st, pr, "", sockaddr))
    if out and flags & AI_CANONNAME:
        fam, st, pr, _, sa = out[0]
        out[0] = (fam, st, pr, canon, sa)
    return out


def gethostbyname(name):
    if not isinstance(name, str):
        raise TypeError(f"gethostbyname() argument 1 must be str, not {type(name).__name__}")
    return host_address(name, AF_INET)


def gethostbyname_ex(name):
    address = gethostbyname(name)
    if ipv4(name) is not None:
        return (name, [], [address])
    host = "localhost" if is_local_name(name) else name
    return (host, [], [address])


def gethostbyaddr(ip):
    if not isinstance(ip, str):
        raise TypeError(f"gethostbyaddr() argument 1 must be str, not {type(ip).__name__}")
    packed4 = ipv4(ip)
    found6 = ipv6(ip)
    if packed4 is None and found6 is None:
        text = host_address(ip, AF_UNSPEC)
        packed4 = ipv4(text)
        found6 = None if packed4 is not None else ipv6(text)
    if packed4 is not None:
        text = text4(packed4)
        if packed4[0] == 127:
            return ("localhost", [], [text])
        raise herror(2, "Host name lookup failure")
    text = text6(found6[0])
    if text == "::1":
        return ("ip6-localhost", ["ip6-loopback"], [text])
    raise herror(2, "Host name lookup failure")


def getnameinfo(sockaddr, flags):
    if not isinstance(sockaddr, tuple) or len(sockaddr) < 2:
        raise TypeError("getnameinfo() argument 1 must be a tuple")
    host, port = sockaddr[0], sockaddr[1]
    if not isinstance(port, int):
        raise TypeError("'str' object cannot be interpreted as an integer")
    text = host_address(host, AF_UNSPEC) if flags & NI_NUMERICHOST else host
    if not flags & NI_NUMERICHOST:
        try:
            name = gethostbyaddr(host)[0]
        except OSError:
            if flags & NI_NAMEREQD:
                raise gaierror("EAI_NONAME") from None
            name = host_address(host, AF_UNSPEC)
        text = name
    service = str(port)
    if not flags & NI_NUMERICSERV:
        protocol = "udp" if flags & NI_DGRAM else "tcp"
        for name, (num, protocols) in SERVICES.items():
            if num == port and protocol in protocols:
                service = name
                break
    return (text, service)


def getservbyname(name, proto=None):
    entry = SERVICES.get(_ALIASES.get(name, name))
    if entry is None or (proto is not None and proto not in entry[1]):
        raise OSError("service/proto not found")
    return entry[0]


def getservbyport(port, proto=None):
    if not 0 <= port <= 65535:
        raise OverflowError("getservbyport: port must be 0-65535.")
    for name, (num, protocols) in SERVICES.items():
        if num == port and (proto is None or proto in protocols):
            return name
    raise OSError("port/proto not found")


def inet_pton(family, text):
    """inet_pton(family, ip) -> packed bytes (Pyodide's own refuses AF_INET6: its C library has IPv6 switched off)."""
    if not isinstance(text, str):
        raise TypeError(f"inet_pton() argument 2 must be str, not {type(text).__name__}")
    if family == AF_INET:
        packed = ipv4(text)
    elif family == AF_INET6:
        found = None if "%" in text else ipv6(text)
        packed = found[0] if found is not None else None
    else:
        raise OSError(97, "Address family not supported by protocol")
    if packed is None:
        raise OSError("illegal IP address string passed to inet_pton")
    return packed


def inet_ntop(family, packed):
    """inet_ntop(family, packed_ip) -> string IP address."""
    packed = bytes(packed)
    if family == AF_INET:
        if len(packed) != 4:
            raise ValueError("invalid length of packed IP address string")
        return text4(packed)
    if family == AF_INET6:
        if len(packed) != 16:
            raise ValueError("invalid length of packed IP address string")
        return text6(packed)
    raise ValueError(f"unknown address family {family}")


def getprotobyname(name):
    try:
        return PROTOCOLS[name]
    except KeyError:
        raise OSError("protocol not found") from None
