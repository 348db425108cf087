# Conformance: getaddrinfo and friends for the names and numbers a loopback-only machine resolves
# expect: same
import socket

for args in [
    ("127.0.0.1", 80),
    ("localhost", 8080, socket.AF_INET, socket.SOCK_STREAM),
    ("127.0.0.1", "http"),
    ("127.0.0.1", "domain"),
    ("::1", 22, socket.AF_INET6, socket.SOCK_STREAM),
    (None, 0, 0, socket.SOCK_STREAM, 0, socket.AI_PASSIVE),
    ("127.0.0.1", 80, 0, 0, socket.IPPROTO_UDP),
    ("localhost", 1, 0, socket.SOCK_STREAM, 0, socket.AI_CANONNAME),
]:
    print(args, socket.getaddrinfo(*args))
for bad in [("127.0.0.1", 80, socket.AF_INET6), ("127.0.0.1", "no-such-service"), ("", 80)]:
    try:
        socket.getaddrinfo(*bad)
    except socket.gaierror as e:
        print(bad, "gaierror", e.errno, e.strerror)
print(socket.gethostbyname("localhost"), socket.gethostbyname("127.0.0.1"), socket.gethostbyname(""))
print(socket.gethostbyname_ex("localhost"))
print(socket.gethostbyaddr("127.0.0.1")[0], socket.getnameinfo(("127.0.0.1", 80), 0), socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.getservbyname("http"), socket.getservbyname("domain", "udp"), socket.getservbyport(443), socket.getprotobyname("tcp"))
print(socket.inet_aton("127.0.0.1"), socket.inet_ntoa(b"\x7f\x00\x00\x01"), socket.inet_pton(socket.AF_INET6, "::1"), socket.htons(80))
print(socket.has_ipv6, socket.AF_UNIX, socket.SOMAXCONN, socket.AddressFamily.AF_INET6, socket.SocketKind.SOCK_DGRAM)
print(socket.create_connection.__name__, socket.has_dualstack_ipv6())
