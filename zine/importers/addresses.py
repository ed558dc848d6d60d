"""Which network addresses an import may reach, and looking a host's addresses up.

A page or a blog someone points zine at must not make it ask the user's own
machine or network for anything (a router's admin page, a cloud metadata
service): :func:`private_reason` says why an address is refused. The rule is
applied to the addresses a name resolves to, right before connecting (so a
name cannot resolve one way when checked and another when used).
"""

from __future__ import annotations

import ipaddress
import socket
import threading

from zine.core import limits


def resolve(host: str, port: int) -> list[tuple]:
    """(family, type, proto, address) for each address of ``host``, looked up within the stall
    limit (the system's resolver has no timeout of its own)."""
    found: list = []
    failure: list[BaseException] = []

    def look_up() -> None:
        try:
            found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as err:
            failure.append(err)

    worker = threading.Thread(target=look_up, daemon=True)
    worker.start()
    worker.join(limits.WEB_STALL_SECONDS)
    if worker.is_alive():
        raise TimeoutError(f"looking up {host} timed out")
    if failure:
        raise OSError(f"cannot resolve {host}: {failure[0]}")
    return [(family, kind, proto, address) for family, kind, proto, _, address in found]


PRIVATE_NETWORKS = [(ipaddress.ip_network(net), why) for net, why in (
    ("127.0.0.0/8", "a loopback address"), ("::1/128", "a loopback address"),
    ("10.0.0.0/8", "a private address"), ("172.16.0.0/12", "a private address"),
    ("192.168.0.0/16", "a private address"), ("fc00::/7", "a private address"),
    ("100.64.0.0/10", "a shared private address"),
    ("169.254.0.0/16", "a link-local address"), ("fe80::/10", "a link-local address"),
    ("0.0.0.0/8", "an unspecified address"), ("::/128", "an unspecified address"),
    ("224.0.0.0/4", "a multicast address"), ("ff00::/8", "a multicast address"),
    ("240.0.0.0/4", "a reserved address"),
)]


def private_reason(address: str) -> str | None:
    """Why an IP address may not be reached without --allow-private, or None when it may."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone id ("%eth0") aside
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            why = private_reason(str(inner))
            return f"{why}, IPv4 inside IPv6" if why else None
        if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64: the last 32 bits are IPv4
            why = private_reason(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
            return f"{why}, IPv4 inside IPv6" if why else None
    for network, why in PRIVATE_NETWORKS:
        if ip.version == network.version and ip in network:
            return why
    return None
