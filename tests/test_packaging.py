"""`make venv` installs the project editable without setuptools' "BuildBackendWarning: Editable
installation" (issue 24): the packages are declared at the project's root, so the editable
wheel is one path entry, not an import hook that warns on every install."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]

#: Builds the editable wheel as pip does (the PEP 660 hook) and prints each warning raised.
PROBE = """
import sys, tempfile, warnings
from setuptools import build_meta
with warnings.catch_warnings(record=True) as caught, tempfile.TemporaryDirectory() as out:
    warnings.simplefilter("always")
    name = build_meta.build_editable(out)
print("BUILT", name)
for w in caught:
    print("WARNING", w.category.__name__, str(w.message).splitlines()[0])
"""


def test_the_editable_install_builds_without_a_warning(tmp_path: Path) -> None:
    # A copy: the build writes its egg-info next to pyproject.toml.
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    for package in ("app", "matching", "evaluation", "migrations"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("BUILT partner_match-") for line in lines), done.stdout
    assert [line for line in lines if line.startswith("WARNING")] == []
