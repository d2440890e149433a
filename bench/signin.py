"""Signing in with a password, as the service ships it (Argon2id with pwdlib's recommended
parameters), against `partnermatch serve` in a process of its own: the latency of one
sign-in at a time, then of 50 at once, and meanwhile how long a light request (`/health`)
takes, so a storm of sign-ins is seen not to block other requests (the hashes run in the
thread pool; argon2 releases the GIL). Prints each figure with the load average.

    .venv/bin/python -m bench.signin                    # SQLite in a temporary folder
    .venv/bin/python -m bench.signin --sequential 50 --concurrent 50
    DATABASE_URL=postgresql+psycopg://... .venv/bin/python -m bench.signin

Target (issue 27): sign-in p95 <= 300 ms on 2 cores; 50 concurrent sign-ins never block
other requests.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from app.auth.models import Role
from app.db import Database
from app.people import service as people
from bench import free_port, quantile, wait_ready

EMAIL, PASSWORD = "maya.chen@riverbend-cc.example", "a long enough passphrase"


def _sign_in(base: str) -> float:
    start = time.perf_counter()
    response = httpx.post(f"{base}/ui/login", data={"email": EMAIL, "password": PASSWORD},
                          headers={"Origin": base}, follow_redirects=False, timeout=60)  # fmt: skip
    took = time.perf_counter() - start
    if response.status_code != 303:
        raise SystemExit(f"sign-in answered {response.status_code}: {response.text[:200]}")
    return took


def _health(base: str, stop: threading.Event, out: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            start = time.perf_counter()
            client.get("/health").raise_for_status()
            out.append(time.perf_counter() - start)
            time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sequential", type=int, default=40)
    parser.add_argument("--concurrent", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pm-signin-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'pm.db'}"
    env = os.environ | {"DATABASE_URL": url, "BACKGROUND": "off", "LOG_LEVEL": "warning"}
    script = Path(sys.executable).with_name("partnermatch")
    subprocess.run([str(script), "migrate"], env=env, check=True, capture_output=True)
    db = Database(url)
    with db.sessionmaker.begin() as session:
        people.ensure_person(session, email=EMAIL, name="Maya Chen", role=Role.recruiter,
                             password=PASSWORD, by="bench")  # fmt: skip
    port = free_port()
    server = subprocess.Popen([str(script), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(port, server, within=60)
        _sign_in(base)  # warm: the first request imports what the pages need
        idle: list[float] = []
        stop = threading.Event()
        probe = threading.Thread(target=_health, args=(base, stop, idle))
        probe.start()
        time.sleep(2)
        stop.set()
        probe.join()

        one = [_sign_in(base) for _ in range(args.sequential)]
        print(f"load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores; {url.split(':')[0]}")
        print(f"one at a time ({len(one)}): p50 {statistics.median(one) * 1000:.0f} ms, "
              f"p95 {quantile(one, 0.95) * 1000:.0f} ms, max {max(one) * 1000:.0f} ms "
              f"(target p95 <= 300 ms)")  # fmt: skip

        during: list[float] = []
        stop = threading.Event()
        probe = threading.Thread(target=_health, args=(base, stop, during))
        probe.start()
        start = time.perf_counter()
        with ThreadPoolExecutor(args.concurrent) as pool:
            storm = list(pool.map(lambda _: _sign_in(base), range(args.concurrent)))
        wall = time.perf_counter() - start
        stop.set()
        probe.join()
        print(
            f"{args.concurrent} at once: all in {wall:.1f} s; each p50 "
            f"{statistics.median(storm) * 1000:.0f} ms, p95 {quantile(storm, 0.95) * 1000:.0f} ms"
        )
        print(f"/health meanwhile ({len(during)} requests): p50 "
              f"{statistics.median(during) * 1000:.1f} ms, "
              f"p95 {quantile(during, 0.95) * 1000:.1f} ms, max {max(during) * 1000:.1f} ms; "
              f"idle p50 {statistics.median(idle) * 1000:.1f} ms, "
              f"p95 {quantile(idle, 0.95) * 1000:.1f} ms")  # fmt: skip
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
