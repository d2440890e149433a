"""The examples use one port, the one `make demo` serves on, and the quick start says how to pick
another (issue 24). The examples live in docs/ since the README was split (issue 25); the quick
start is in the README and again on docs/getting-started.md."""

import re
from pathlib import Path

import pytest

from app.config import Settings

ROOT = Path(__file__).parents[2]
README = ROOT / "README.md"
#: The README and every docs page: where the examples are.
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
#: The database's and Redis's ports, which are not this service's.
OTHER_SERVICES = {5432, 6379}


def quick_start(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]


def test_every_example_uses_the_default_port() -> None:
    default = Settings.model_fields["port"].default
    text = "\n".join(path.read_text(encoding="utf-8") for path in DOCS)
    ports = {int(p) for p in re.findall(r"(?:localhost|127\.0\.0\.1):(\d+)", text)}
    assert ports - OTHER_SERVICES == {default}
    # The curl examples moved to docs/: the check above still reads them.
    assert "localhost:8000/v1/needs" in text


@pytest.mark.parametrize(
    "path", [README, ROOT / "docs" / "getting-started.md"], ids=lambda p: p.name
)
def test_the_quick_start_keeps_its_two_commands_and_says_how_to_pick_the_port(path: Path) -> None:
    text = quick_start(path)
    assert re.search(r"^make demo +#", text, re.M)
    assert re.search(r"^make test +#", text, re.M)
    [line] = [line for line in text.splitlines() if "PORT=" in line]
    assert "PORT=9000 make demo" in line
    assert str(Settings.model_fields["port"].default) in line


def test_the_port_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9000")
    assert Settings(_env_file=None).port == 9000
