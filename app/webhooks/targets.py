"""Where webhooks may go. A receiver URL comes from a client and is hostile until checked: its
host is checked (and resolved) when the endpoint is stored and again at every delivery, and a
delivery connects to the very address it checked, so neither a URL nor a DNS answer that
changes afterwards (rebinding) can make the worker reach this machine, a private network or a
cloud metadata service."""

import ipaddress
import re
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import httpx

from app.config import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_HOST_LENGTH = 253
# One label of a host name in its ASCII (IDNA) form. Underscores are not valid in host names
# but do occur in real DNS records; they are harmless here.
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
# Names that never reach the public internet: this machine (RFC 6761), multicast DNS (RFC
# 6762), home networks (RFC 8375), a common resolver default, and private-use names (ICANN's
# .internal, where cloud metadata services live: metadata.google.internal).
LOCAL_NAMES = ("localhost", "local", "localdomain", "home.arpa", "internal")
# NAT64 (RFC 6052): the last 32 bits are the IPv4 address a gateway would connect to; the
# local-use prefix (RFC 8215) translates into whatever network the operator chose.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


class Refused(Exception):
    """A target the rules keep out; `reason` is a plain sentence a client can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LookupFailed(Exception):
    """The name did not resolve (or not in time): nothing to check, nothing to connect to."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    """Where a URL points: `host` in ASCII (IDNA), lower case, without brackets or a trailing
    dot; `address` when the host is an address literal (however it was written)."""

    scheme: str
    host: str
    port: int
    address: IPAddress | None = None
    # The IPv4 literal as written when that is not dotted decimal (2130706433, 0x7f.1, 127.1).
    written: str | None = None


def ip_address(text: str) -> IPAddress:
    return ipaddress.ip_address(text)


def show(address: IPAddress) -> str:
    """The address as people write it: an IPv4-mapped one with its IPv4 part dotted, which
    Python before 3.13 prints as hex (::ffff:7f00:1)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return f"::ffff:{address.ipv4_mapped}"
    return str(address)


# Reading a URL


def parse(url: str | httpx.URL) -> Target:
    """The target of an http(s) URL; refuses what is not one or cannot be read one way only.

    The URL is read by httpx's own parser, the one the worker sends with, so the check and the
    connection can never disagree about the host."""
    text = str(url)
    if isinstance(url, str):
        # What httpx reads leniently and a person would not mean: spaces, "@" with nothing
        # before it, a port that is no number.
        if any(c.isspace() for c in text):
            raise Refused("must not contain spaces")
        try:
            parts = urlsplit(text)
        except ValueError:
            raise Refused("not a valid URL") from None
        if "@" in parts.netloc:
            raise Refused("must not contain a user name or password")
        _check_port_text(parts.netloc)
    try:
        parsed = httpx.URL(url) if isinstance(url, str) else url
    except httpx.InvalidURL:
        host = urlsplit(text).netloc.rpartition("@")[2].lower()
        if not host.isascii() or host.startswith("xn--") or ".xn--" in host:
            raise Refused("the host is not a valid internationalized domain name") from None
        raise Refused("not a valid URL") from None
    if parsed.scheme not in ("http", "https"):
        raise Refused("must be an http:// or https:// URL")
    if parsed.userinfo:
        raise Refused("must not contain a user name or password")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if not 1 <= port <= 65535:
        raise Refused("the port must be a number from 1 to 65535")
    try:
        host = parsed.raw_host.decode("ascii").lower()
    except UnicodeDecodeError:
        raise Refused("the host is not a valid internationalized domain name") from None
    if not host:
        raise Refused("must name a host")
    try:
        parsed.host  # noqa: B018  # decodes the A-labels (xn--...), which httpx takes unread
    except UnicodeError:
        raise Refused("the host is not a valid internationalized domain name") from None
    if ":" in host:
        address6 = _ipv6_literal(host)
        return Target(parsed.scheme, str(address6), port, address6)
    address = _ipv4_literal(host)
    if address is not None:
        written = None if host == str(address) else host
        return Target(parsed.scheme, str(address), port, address, written)
    return Target(parsed.scheme, _host_name(host), port)


def _check_port_text(netloc: str) -> None:
    # httpx takes ports past 65535 (and urlsplit negative ones as text): read it here.
    hostport = netloc.rpartition("@")[2]
    port = hostport.rpartition("]")[2] if hostport.startswith("[") else hostport
    if ":" not in port:
        return
    digits = port.rpartition(":")[2]
    if digits and (not digits.isascii() or not digits.isdigit() or not 1 <= int(digits) <= 65535):
        raise Refused("the port must be a number from 1 to 65535")


def _ipv6_literal(host: str) -> ipaddress.IPv6Address:
    # A zone ("%25eth0" in a URL) names an interface of this machine: it only makes sense on a
    # link-local address, which is refused anyway (unless allowed), so say so for the others.
    text = unquote(host)
    try:
        address = ipaddress.IPv6Address(text)
    except ValueError:
        raise Refused(f"the host {host} is not a valid IPv6 address") from None
    if address.scope_id and not address.is_link_local:
        raise Refused(f"an IPv6 zone (%{address.scope_id}) only means something on this machine")
    return address


def _ipv4_number(part: str) -> int | None:
    # The WHATWG URL standard's reading, which is also what inet_aton() (and so the system
    # resolver) does: 0x1f is hex, a leading 0 is octal.
    try:
        if part[:2] in ("0x", "0X"):
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part, 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def _ipv4_literal(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a host that ends in a number stands for, however it is written
    (2130706433, 0x7f.1, 017700000001, 127.1); None for a host name."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    last = parts[-1]
    if not (last.isascii() and last.isdigit()) and not re.fullmatch(r"0[xX][0-9a-fA-F]*", last):
        return None
    numbers = [_ipv4_number(p) for p in parts]
    invalid = Refused(f"the host {host} is not a valid IPv4 address")
    if len(parts) > 4 or any(n is None for n in numbers):
        raise invalid
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise invalid
    value = values[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(values[:-1]))
    return ipaddress.IPv4Address(value)


def _host_name(host: str) -> str:
    name = host.removesuffix(".")
    if len(name) > MAX_HOST_LENGTH:
        raise Refused(f"the host name is longer than {MAX_HOST_LENGTH} characters")
    if not all(_LABEL.fullmatch(label) for label in name.split(".")):
        raise Refused(
            "the host name is not valid: each dot-separated part must be 1 to 63 letters, "
            "digits or hyphens, not starting or ending with a hyphen"
        )
    return name


# The rules


def forbidden(address: IPAddress) -> str | None:
    """What keeps the address out ('loopback', 'private', ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        # Forms that carry an IPv4 address and reach it: judged by that address.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return forbidden(embedded)
        if address in _NAT64_LOCAL or address.is_site_local:
            return "private"
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for kind, hit in checks:
        if hit:
            return kind
    # Shared address space (100.64.0.0/10, carrier-grade NAT: Alibaba's metadata service) and
    # whatever else the registries keep off the internet.
    return None if address.is_global else "not publicly routable"


def local_name(host: str) -> bool:
    return any(host == name or host.endswith("." + name) for name in LOCAL_NAMES)


def lookup(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host`: the one function that asks DNS
    (tests replace it)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in found]


def resolve(host: str, port: int, timeout: float) -> list[IPAddress]:
    """Resolve with a deadline. getaddrinfo() takes no timeout, so it runs in a daemon thread
    that is left behind if it is late (it ends with the resolver's own timeout, and never
    keeps the process from exiting)."""
    answer: list[str] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            answer.extend(lookup(host, port))
        except BaseException as exc:  # handed to the waiting thread, which raises it
            error.append(exc)

    thread = threading.Thread(target=run, name="webhook-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise LookupFailed(f"looking up {host} took over {timeout:g} s")
    if error or not answer:
        raise LookupFailed(f"the host {host} does not resolve")
    addresses: list[IPAddress] = []
    for text in answer:
        address = ipaddress.ip_address(text)
        if address not in addresses:
            addresses.append(address)
    return addresses


def _allowed_entry(entry: str) -> str:
    text = entry.strip().lower().removesuffix(".")
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text


class TargetPolicy:
    """The rules for one process: refuse anything but public addresses, except the hosts
    and addresses named in `allowed_hosts` (WEBHOOK_ALLOWED_HOSTS)."""

    def __init__(self, allowed_hosts: Iterable[str], dns_timeout: float) -> None:
        self.allowed = frozenset(_allowed_entry(h) for h in allowed_hosts if h.strip())
        self.dns_timeout = dns_timeout

    @classmethod
    def from_settings(cls, settings: Settings) -> "TargetPolicy":
        return cls(settings.webhook_allowed_hosts, settings.webhook_dns_timeout_seconds)

    def addresses(self, target: Target) -> list[IPAddress]:
        """The addresses to connect to, every one checked; raises Refused, or LookupFailed
        when a name does not resolve."""
        allowed = target.host in self.allowed
        if target.address is not None:
            if not allowed:
                self._check_address(target.address, target.written)
                if target.written is not None:
                    # Public, but written so that parsers disagree on it: ask for the plain form.
                    raise Refused(f"write the IPv4 address as {target.address}")
            return [target.address]
        if not allowed:
            if local_name(target.host):
                raise Refused(f"the host {target.host} is a local name, not a public one")
            if "." not in target.host:
                # A single label resolves through the search domains to internal hosts.
                raise Refused(
                    f"the host {target.host} is not a full domain name (such as hooks.example.com)"
                )
        found = resolve(target.host, target.port, self.dns_timeout)
        if not allowed:
            for address in found:
                if str(address) not in self.allowed:
                    self._check_address(address, None, of=target.host)
        return found

    def _check_address(self, address: IPAddress, written: str | None, of: str = "") -> None:
        if str(address) in self.allowed:
            return
        kind = forbidden(address)
        if kind is not None:
            how = f" (written {written})" if written else f" (of {of})" if of else ""
            raise Refused(f"address {show(address)}{how} is {kind}")

    def check_registration(self, url: str) -> None:
        """Refuse a URL at registration. A name that does not resolve (yet) is let through:
        it is no proof of anything, and every delivery resolves and checks again."""
        try:
            self.addresses(parse(url))
        except LookupFailed:
            pass


class PinnedTransport(httpx.BaseTransport):
    """An httpx transport that checks every request's target and connects to the address it
    checked. Resolving once and connecting to that answer is what defeats DNS rebinding; the
    request keeps its Host header, and TLS is verified against the original name (SNI).

    `inner` sends the pinned request (a plain HTTPTransport by default, tests give a mock)."""

    def __init__(self, policy: TargetPolicy, inner: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        # No kept-alive connections: a connection made (and its TLS verified) for one name is
        # never reused for another name that shares its address.
        self.inner = inner or httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = parse(request.url)
        addresses = self.policy.addresses(target)
        failed: httpx.ConnectError | None = None
        for address in addresses:
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=str(address)),
                headers=request.headers,  # the Host header httpx set from the original URL
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": target.host},
            )
            try:
                return self.inner.handle_request(pinned)
            except httpx.ConnectError as exc:  # nothing was sent: try the next address
                failed = exc
        assert failed is not None  # addresses() never answers an empty list
        raise failed

    def close(self) -> None:
        self.inner.close()
