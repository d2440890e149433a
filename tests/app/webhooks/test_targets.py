"""Where webhooks may go, on its own: URL syntax, address and name rules, resolution with a
timeout, the allow-list, and a transport that connects to the very address it checked.

Nothing here opens a connection: names resolve through the fake DNS of conftest, and the
transport's inner transport is an httpx.MockTransport."""

import threading
import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.webhooks import targets
from app.webhooks.targets import LookupFailed, PinnedTransport, Refused, TargetPolicy
from tests.app.webhooks.conftest import PUBLIC, FakeDns

POLICY = TargetPolicy(allowed_hosts=(), dns_timeout=1.0)

# Each probe and the start of the plain reason it is refused with: the addresses an attacker
# reaches for (cloud metadata, the database, redis, this machine), written every way a URL
# parser may read them.
PROBES: list[tuple[str, str]] = [
    ("http://169.254.169.254/latest/meta-data/", "address 169.254.169.254 is link-local"),
    ("http://10.0.0.1/", "address 10.0.0.1 is private"),
    ("http://localhost/", "the host localhost is a local name"),
    ("http://localhost./", "the host localhost is a local name"),
    ("http://LocalHost:8000/", "the host localhost is a local name"),
    ("http://api.localhost/", "the host api.localhost is a local name"),
    ("http://[::1]:6379/", "address ::1 is loopback"),
    ("http://127.0.0.1:5432/", "address 127.0.0.1 is loopback"),
    ("http://127.0.0.1./", "address 127.0.0.1 (written 127.0.0.1.) is loopback"),
    ("http://2130706433/", "address 127.0.0.1 (written 2130706433) is loopback"),
    ("http://0x7f.1/", "address 127.0.0.1 (written 0x7f.1) is loopback"),
    ("http://017700000001/", "address 127.0.0.1 (written 017700000001) is loopback"),
    ("http://127.1/", "address 127.0.0.1 (written 127.1) is loopback"),
    ("http://0/", "address 0.0.0.0 (written 0) is unspecified"),
    ("http://metadata.google.internal/computeMetadata/v1/", "the host metadata.google.internal"),
    ("http://printer.local/", "the host printer.local is a local name"),
    ("http://nas.home.arpa/", "the host nas.home.arpa is a local name"),
    ("http://user:pass@127.0.0.1/", "must not contain a user name or password"),
    ("https://token@hooks.crm.example/", "must not contain a user name or password"),
    ("http://@hooks.crm.example/", "must not contain a user name or password"),
    ("http://[::ffff:127.0.0.1]/", "address ::ffff:127.0.0.1 is loopback"),
    ("http://[::ffff:a9fe:a9fe]/", "address ::ffff:169.254.169.254 is link-local"),
    ("http://[::]/", "address :: is unspecified"),
    ("http://0.0.0.0:8000/", "address 0.0.0.0 is unspecified"),
    ("http://[fc00::1]/", "address fc00::1 is private"),
    ("http://[fd00:ec2::254]/", "address fd00:ec2::254 is private"),
    ("http://[fe80::1%25eth0]/", "address fe80::1%eth0 is link-local"),
    ("http://[fe80::1]/", "address fe80::1 is link-local"),
    ("http://[2001:db8::1%25eth0]/", "an IPv6 zone (%eth0) only means something on this machine"),
    ("http://[64:ff9b::a00:1]/", "address 64:ff9b::a00:1 is private"),  # NAT64 of 10.0.0.1
    ("http://[2002:7f00:1::1]/", "address 2002:7f00:1::1 is loopback"),  # 6to4 of 127.0.0.1
    ("http://[::127.0.0.1]/", "address ::7f00:1 is reserved"),  # IPv4-compatible, deprecated
    ("http://[ff02::1]/", "address ff02::1 is multicast"),
    ("http://224.0.0.1/", "address 224.0.0.1 is multicast"),
    ("http://192.168.1.1/", "address 192.168.1.1 is private"),
    ("http://172.16.0.1/", "address 172.16.0.1 is private"),
    ("http://100.100.100.200/", "address 100.100.100.200 is not publicly routable"),
    ("http://255.255.255.255/", "address 255.255.255.255 is"),
    ("http://240.0.0.1/", "address 240.0.0.1 is"),
    ("http://0x08.8.8.8/", "write the IPv4 address as 8.8.8.8"),
    ("http://1.2.3.4.5/", "the host 1.2.3.4.5 is not a valid IPv4 address"),
    ("http://redis:6379/", "the host redis is not a full domain name"),
    ("ftp://hooks.crm.example/", "must be an http:// or https:// URL"),
    ("gopher://127.0.0.1:6379/_INFO", "must be an http:// or https:// URL"),
    ("file:///etc/passwd", "must be an http:// or https:// URL"),
    ("http://hooks.crm.example:0/", "the port must be a number from 1 to 65535"),
    ("http://hooks.crm.example:65536/", "the port must be a number from 1 to 65535"),
    ("http://hooks.crm.example:99999999999999999999/", "the port must be a number from 1"),
    ("http://hooks.crm.example:-1/", "the port must be a number from 1 to 65535"),
    ("http://hooks.crm.example:http/", "the port must be a number from 1 to 65535"),
    ("http://" + "a" * 64 + ".example/", "the host name is not valid"),
    ("http://" + ("a" * 60 + ".") * 5 + "example/", "the host name is longer than 253"),
    ("http://a..example/", "the host name is not valid"),
    ("http://-a.example/", "the host name is not valid"),
    ("http://ex%61mple.com/", "the host name is not valid"),
    ("http://\u2603.example/", "the host is not a valid internationalized domain name"),
    ("http://xn--zz.example/", "the host is not a valid internationalized domain name"),
    ("http:///hooks", "must name a host"),
]


@pytest.mark.parametrize(("url", "reason"), PROBES)
def test_a_hostile_target_is_refused_with_a_plain_reason(
    url: str, reason: str, dns: FakeDns
) -> None:
    with pytest.raises(Refused) as refused:
        POLICY.check_registration(url)
    assert refused.value.reason.startswith(reason), refused.value.reason
    assert dns.asked == []  # refused on sight: nothing was looked up


# Text shaped like a URL, with the parts an attacker plays with.
URLISH = st.builds(
    "{}://{}{}{}{}".format,
    st.sampled_from(["http", "https", "HTTP", "ftp", "", "h\u0442tp"]),
    st.sampled_from(["", "user@", "a:b@", "@", "x@y@"]),
    st.text(max_size=40) | st.from_regex(r"[0-9a-fx.:\[\]%]{0,30}", fullmatch=True),
    st.sampled_from(["", ":", ":0", ":80", ":65536", ":x", ":-1", ":\u0661"]),
    st.text(max_size=10),
)


@given(st.text(max_size=200) | URLISH)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_read_as_a_target_or_refused_never_an_error(text: str) -> None:
    # The schema calls this on whatever a client sends: anything else would be a 500.
    try:
        target = targets.parse(text)
    except Refused:
        return
    assert target.scheme in ("http", "https")
    assert 1 <= target.port <= 65535
    assert target.host


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        (["10.0.0.7"], "address 10.0.0.7 (of hooks.crm.example) is private"),
        ([PUBLIC, "127.0.0.1"], "address 127.0.0.1 (of hooks.crm.example) is loopback"),
        (["::1", PUBLIC], "address ::1 (of hooks.crm.example) is loopback"),
        (["169.254.169.254"], "address 169.254.169.254 (of hooks.crm.example) is link-local"),
    ],
)
def test_a_name_is_refused_when_any_of_its_addresses_is(
    answers: list[str], reason: str, dns: FakeDns
) -> None:
    dns.answers["hooks.crm.example"] = answers
    with pytest.raises(Refused, match=reason.replace("(", r"\(").replace(")", r"\)")):
        POLICY.check_registration("https://hooks.crm.example/partner-match")


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.crm.example/partner-match",
        "https://HOOKS.crm.example./partner-match",  # case and a trailing dot change nothing
        "https://hooks.crm.example:8443/x?y=1#z",
        f"http://{PUBLIC}/hooks",
        "http://[2606:4700:4700::1111]/hooks",
        "https://b\u00fccher.crm.example/hooks",  # IDNA, resolved by its ASCII form
        "https://xn--bcher-kva.crm.example/hooks",
    ],
)
def test_public_targets_pass(url: str, dns: FakeDns) -> None:
    dns.answers["hooks.crm.example"] = [PUBLIC]
    dns.answers["xn--bcher-kva.crm.example"] = [PUBLIC]
    POLICY.check_registration(url)


def test_a_name_that_does_not_resolve_yet_is_let_through_at_registration(dns: FakeDns) -> None:
    # Not a refusal: every delivery resolves and checks again.
    POLICY.check_registration("https://hooks.not-yet.example/x")
    assert dns.asked == ["hooks.not-yet.example"]
    with pytest.raises(LookupFailed, match="does not resolve"):
        POLICY.addresses(targets.parse("https://hooks.not-yet.example/x"))


def test_resolution_has_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def hangs(host: str, port: int) -> list[str]:
        release.wait(10)
        return [PUBLIC]

    monkeypatch.setattr(targets, "lookup", hangs)
    started = time.perf_counter()
    try:
        with pytest.raises(LookupFailed, match="took over 0.2 s"):
            TargetPolicy((), dns_timeout=0.2).addresses(targets.parse("https://slow.example/x"))
    finally:
        release.set()
    assert time.perf_counter() - started < 2


def test_the_allow_list_lets_named_hosts_and_addresses_through(dns: FakeDns) -> None:
    dns.answers["receiver.test"] = ["127.0.0.1"]
    policy = TargetPolicy(["127.0.0.1", "Receiver.Test.", "[::1]"], dns_timeout=1.0)
    for url in ["http://127.0.0.1:8000/", "http://receiver.test/", "http://[::1]:9/"]:
        policy.check_registration(url)
    assert policy.addresses(targets.parse("http://receiver.test:81/")) == [
        targets.ip_address("127.0.0.1")
    ]
    # Only what is named: another loopback address, or a name pointing at an allowed one.
    dns.answers["sneaky.example"] = ["127.0.0.2"]
    for url in ["http://127.0.0.2/", "http://sneaky.example/", "http://localhost/"]:
        with pytest.raises(Refused):
            policy.check_registration(url)
    # The rules that are not about addresses still hold.
    with pytest.raises(Refused, match="user name"):
        policy.check_registration("http://me:pw@127.0.0.1/")


# The transport


def _mock() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    return httpx.MockTransport(answer), seen


def test_the_transport_connects_to_the_address_it_checked(dns: FakeDns) -> None:
    dns.answers["hooks.crm.example"] = [PUBLIC]
    inner, seen = _mock()
    with httpx.Client(transport=PinnedTransport(POLICY, inner)) as client:
        response = client.post("https://hooks.crm.example:8443/partner-match?x=1", content=b"{}")
    assert response.status_code == 204
    [sent] = seen
    # The connection goes to the checked address; the receiver still sees its own name, and
    # TLS is verified against that name (SNI), not against the address.
    assert str(sent.url) == f"https://{PUBLIC}:8443/partner-match?x=1"
    assert sent.headers["host"] == "hooks.crm.example:8443"
    assert sent.extensions["sni_hostname"] == "hooks.crm.example"
    assert sent.content == b"{}"
    assert dns.asked == ["hooks.crm.example"]  # resolved once, for check and connection alike


def test_the_transport_refuses_before_connecting(dns: FakeDns) -> None:
    dns.answers["hooks.crm.example"] = [PUBLIC, "10.1.2.3"]
    inner, seen = _mock()
    with httpx.Client(transport=PinnedTransport(POLICY, inner)) as client:
        for url in ["https://hooks.crm.example/", "http://[::ffff:10.0.0.1]/", "http://0x7f.1/"]:
            with pytest.raises(Refused):
                client.post(url, content=b"{}")
    assert seen == []


def test_the_transport_tries_the_next_checked_address_when_one_does_not_answer(
    dns: FakeDns,
) -> None:
    dns.answers["hooks.crm.example"] = ["2606:4700:4700::1111", PUBLIC]
    tried: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        tried.append(request.url.host)
        if ":" in request.url.host:
            raise httpx.ConnectError("unreachable", request=request)
        return httpx.Response(200)

    with httpx.Client(transport=PinnedTransport(POLICY, httpx.MockTransport(answer))) as client:
        assert client.post("https://hooks.crm.example/", content=b"{}").status_code == 200
    assert tried == ["2606:4700:4700::1111", PUBLIC]
