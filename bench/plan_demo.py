"""How long a convener waits for a plan on the demo data, from fresh processes as they would
run it: the CLI (`partnermatch plan --program ...`, a new process each time, so its imports
and first embeddings count), and the API of a server just started (the first plan of a
program, the same again, then every open need at once). SQLite always; PostgreSQL too when
`--pg` names a database this bench may wipe.

    .venv/bin/python -m bench.plan_demo
    .venv/bin/python -m bench.plan_demo --pg postgresql+psycopg://postgres@127.0.0.1:5432/test5

Prints seconds per step with the load average (the machine is shared). Targets (issue 24):
one program from a fresh CLI process <= 10 s, over the API <= 3 s, all open needs <= 15 s.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench import free_port

BIN = Path(sys.executable).parent / "partnermatch"
PROGRAMS = ["Sierra Alta College Nursing & Allied Health", "Lincoln USD Health Academy"]


def _run(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return took, done.stdout


def _post(url: str, key: str, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )  # fmt: skip
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        answer = json.loads(response.read())
    return time.perf_counter() - started, answer


def _wipe(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def bench(name: str, database_url: str) -> None:
    env = os.environ | {"DATABASE_URL": database_url, "WEBHOOK_WORKER": "false"}
    took, _ = _run(env, "demo", "--no-serve")
    print(f"[{name}] demo loaded and embedded: {took:.1f} s", flush=True)
    for program in PROGRAMS:
        took, out = _run(env, "plan", "--program", program)
        last = [line for line in out.splitlines() if line.startswith("plan ")]
        print(f"[{name}] fresh CLI process, plan of {program!r}: {took:.1f} s wall "
              f"({last[0][:60] if last else '?'})", flush=True)  # fmt: skip
    took, _ = _run(env, "--help")
    print(f"[{name}] partnermatch --help: {took:.2f} s", flush=True)
    _, out = _run(env, "keys", "create", "--name", "bench", "--role", "convener")
    key = out.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health/ready", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not get ready in 120 s")
            time.sleep(0.2)
        for program in PROGRAMS:
            for attempt in ("first", "again"):
                took, plan = _post(f"{base}/v1/plans", key, {"program": program})
                print(f"[{name}] API plan of {program!r} ({attempt}): {took:.2f} s, "
                      f"{plan['outcome'].get('slots_filled')} of "
                      f"{plan['outcome'].get('slots_open')} slots", flush=True)  # fmt: skip
        took, plan = _post(f"{base}/v1/plans", key, {"status": "open"})
        print(f"[{name}] API plan of every open need ({len(plan['needs'])} needs): {took:.2f} s, "
              f"{plan['outcome'].get('slots_filled')} of {plan['outcome'].get('slots_open')} "
              "slots", flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="a PostgreSQL database URL this bench may wipe")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; "
          f"{os.cpu_count()} cores", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", f"sqlite:///{tmp}/demo.db")
    if args.pg:
        _wipe(args.pg)
        bench("postgresql", args.pg)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)


if __name__ == "__main__":
    main()
