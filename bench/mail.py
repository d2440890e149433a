"""Mail from the commit to the SMTP server, as the service sends it: `partnermatch serve` in a
process of its own with its embedded mail worker, a real SMTP server on loopback (aiosmtpd).

1. Steady: partner links made with `send: true` one after another; for each, the seconds from
   the API's answer (the commit) to the message arriving at the server. p50 / p95 / max.
2. Outage: the server stops; more links are sent; after `--outage` seconds it starts again on
   the same port. Every message must then arrive exactly once (counted by the link in it):
   none lost, none doubled; and how long after the server came back the last one arrived.

    .venv/bin/python -m bench.mail                       # 40 steady, a 60 s outage
    .venv/bin/python -m bench.mail --outage 600          # the issue's ten minutes

The retry backoff is shortened for the run (MAIL_RETRY_BASE_SECONDS=5, MAX=60; the defaults
are 60 s and an hour), so the queue drains within a minute of the server's return; with the
defaults it drains at the next attempt, up to an hour later. Target (issue 27): p95 <= 5 s with
the server up; after a 10-minute outage every queued mail sent once, none lost, none doubled.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from app import models  # noqa: F401 - every table, so a key finds its owner's
from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from bench import free_port, quantile, wait_ready

TOKEN = re.compile(rb"/p/([A-Za-z0-9_-]{43})")


class Catcher:
    """Takes every message; notes when each link's token arrived (every arrival kept)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrived: list[tuple[str, float]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        now = time.monotonic()
        found = TOKEN.search(content.replace(b"=\r\n", b""))
        with self.lock:
            self.arrived.append((found.group(1).decode() if found else "?", now))
        return "250 2.0.0 Message accepted for delivery"


def _send(api: httpx.Client, contact: int) -> tuple[str, float]:
    made = api.post(f"/v1/contacts/{contact}/links",
                    json={"purpose": "temperature_check", "send": True})  # fmt: skip
    if made.status_code != 201:
        raise SystemExit(f"link answered {made.status_code}: {made.text[:200]}")
    return str(made.json()["url"]).rsplit("/p/", 1)[1], time.monotonic()


def _wait(catcher: Catcher, tokens: set[str], timeout: float) -> float | None:
    """When the last of `tokens` arrived (monotonic), or None if some never did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with catcher.lock:
            seen = {t: at for t, at in catcher.arrived if t in tokens}
        if len(seen) == len(tokens):
            return max(seen.values())
        time.sleep(0.1)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steady", type=int, default=40)
    parser.add_argument("--during", type=int, default=20, help="links sent during the outage")
    parser.add_argument("--outage", type=float, default=60.0, help="seconds the server is down")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pm-mail-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'pm.db'}"
    smtp_port, api_port = free_port(), free_port()
    env = os.environ | {
        "DATABASE_URL": url, "LOG_LEVEL": "warning", "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port), "SMTP_STARTTLS": "false", "MAIL_RETRY_BASE_SECONDS": "5",
        "MAIL_RETRY_MAX_SECONDS": "60", "SMTP_TIMEOUT_SECONDS": "5", "WEBHOOK_WORKER": "false",
    }  # fmt: skip
    script = Path(sys.executable).with_name("partnermatch")
    subprocess.run([str(script), "migrate"], env=env, check=True, capture_output=True)
    with Database(url).sessionmaker.begin() as session:
        _, key = create_key(session, "bench", Role.admin)
    catcher = Catcher()
    smtp = Controller(catcher, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    server = subprocess.Popen([str(script), "serve", "--port", str(api_port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{api_port}"
    api = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30)
    try:
        wait_ready(api_port, server, within=60)
        riverbend = {"name": "Riverbend Precision", "kind": "employer"}
        org: Any = api.post("/v1/organizations", json=riverbend).json()
        dana = {"organization_id": org["id"], "name": "Dana Ortiz",
                "email": "dana@riverbend.example"}  # fmt: skip
        contact = api.post("/v1/contacts", json=dana).json()["id"]
        print(f"load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores; {url.split(':')[0]}")

        latency = []
        for _ in range(args.steady):
            token, committed = _send(api, contact)
            arrived = _wait(catcher, {token}, 30)
            if arrived is None:
                raise SystemExit("a message did not arrive within 30 s with the server up")
            latency.append(arrived - committed)
        print(
            f"steady ({len(latency)}): commit to SMTP p50 {statistics.median(latency):.2f} s, "
            f"p95 {quantile(latency, 0.95):.2f} s, max {max(latency):.2f} s (target p95 <= 5 s)"
        )

        smtp.stop()
        down_at = time.monotonic()
        during = {_send(api, contact)[0] for _ in range(args.during)}
        time.sleep(max(0.0, args.outage - (time.monotonic() - down_at)))
        smtp = Controller(catcher, hostname="127.0.0.1", port=smtp_port)
        smtp.start()
        back_at = time.monotonic()
        last = _wait(catcher, during, 300)
        time.sleep(5)  # a doubled message would come right after
        with catcher.lock:
            counts = Counter(t for t, _ in catcher.arrived if t in during)
        lost = len(during) - len(counts)
        doubled = sum(1 for c in counts.values() if c > 1)
        drained = "never (within 300 s)" if last is None else f"{last - back_at:.1f} s"
        print(f"outage of {args.outage:.0f} s with {len(during)} links sent meanwhile: "
              f"{len(counts)} arrived, {lost} lost, {doubled} doubled; the last arrived "
              f"{drained} after the server came back")  # fmt: skip
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        api.close()
        server.terminate()
        server.wait(10)
        smtp.stop()


if __name__ == "__main__":
    main()
