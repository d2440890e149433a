"""How long the command and the API take to start: `partnermatch --help` wall time, and the
import time of the CLI module and of the app factory, each the median of fresh processes,
with the heavy modules each import pulls in (none, for the CLI).

    .venv/bin/python -m bench.startup             # 5 runs each
    .venv/bin/python -m bench.startup --runs 9
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = (
    "sklearn",
    "scipy.optimize",
    "scipy.stats",
    "torch",
    "onnxruntime",
    "sentence_transformers",
    "ortools",
    "fastapi",
    "sqlalchemy",
    "numpy",
)

# Prints the seconds an import took, then the heavy modules it brought in.
IMPORT = """
import sys, time
t = time.perf_counter()
{statement}
took = time.perf_counter() - t
print(took)
print(",".join(m for m in {heavy!r} if m in sys.modules))
"""


def command() -> list[str]:
    """The installed `partnermatch` script beside this interpreter, else `python -m app`."""
    script = Path(sys.executable).with_name("partnermatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app"]


def wall(args: list[str], runs: int) -> float:
    """Median wall seconds of `args` over `runs` runs, after one unmeasured run (disk cache)."""
    subprocess.run(args, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time(statement: str, runs: int) -> tuple[float, str]:
    """Median seconds `statement` takes in a fresh interpreter, and the heavy modules it
    imports."""
    code = IMPORT.format(statement=statement, heavy=HEAVY)
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    times, heavy = [], ""
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.splitlines()
        times.append(float(out[0]))
        heavy = out[1] if len(out) > 1 else ""
    return statistics.median(times), heavy or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    args = parser.parse_args()

    help_seconds = wall([*command(), "--help"], args.runs)
    print(f"{'partnermatch --help':<32}{help_seconds:6.2f} s wall (median of {args.runs})")
    for label, statement in (
        ("import app.cli", "import app.cli"),
        ("from app.main import create_app", "from app.main import create_app"),
    ):
        seconds, heavy = import_time(statement, args.runs)
        print(f"{label:<32}{seconds:6.2f} s  imports: {heavy}")


if __name__ == "__main__":
    main()
