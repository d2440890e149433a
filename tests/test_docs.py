"""The docs (issue 25): README.md is short and links to the pages in docs/, which MkDocs builds into
a site. Every relative link and image in them points at a file that is there, and an `#anchor`
into a docs page at one of its headings; the README's quick start still shows its two commands;
and `mkdocs build --strict` (what `make docs` runs) passes."""

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = sorted(DOCS.glob("*.md"))
#: `[text](target)` and `![alt](target)`, with an optional title after the target.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def prose(text: str) -> str:
    """The text without fenced code blocks and inline code, where a `](...)` is no link."""
    kept, fence = [], ""
    for line in text.splitlines():
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)
            continue
        if not fence:
            kept.append(line)
    return re.sub(r"(`+).+?\1", "", "\n".join(kept))


def slugify(heading: str) -> str:
    """Python-Markdown's `toc` slug, MkDocs' default: ASCII, punctuation dropped, lower case,
    runs of spaces and hyphens made one hyphen."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading: its text
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(page: Path) -> set[str]:
    """The ids MkDocs gives the page's headings (a repeated slug gets `_1`, `_2`, ...)."""
    found: set[str] = set()
    fence = ""
    for line in page.read_text(encoding="utf-8").splitlines():
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)
            continue
        heading = None if fence else re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
        if heading:
            slug = base = slugify(heading.group(1))
            n = 0
            while slug in found:
                n += 1
                slug = f"{base}_{n}"
            found.add(slug)
    return found


def links(path: Path) -> list[str]:
    return [t for t in LINK.findall(prose(path.read_text(encoding="utf-8"))) if not SCHEME.match(t)]


def broken_links(path: Path) -> list[str]:
    broken = []
    for target in links(path):
        file_part, _, anchor = target.partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and dest.parent == DOCS.resolve():
            if anchor not in anchors(dest):
                broken.append(f"{target}: no heading #{anchor} in {dest.name}")
    return broken


@pytest.mark.parametrize("path", [README, *PAGES], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_and_image_points_at_what_is_there(path: Path) -> None:
    assert broken_links(path) == []


def test_the_checks_see_broken_links_images_and_anchors(tmp_path: Path) -> None:
    probe = tmp_path / "probe.md"
    probe.write_text(
        f"[a](nowhere.md) ![b](nowhere.png) [c]({DOCS / 'plans.md'}#nowhere)"
        f" [d]({DOCS / 'plans.md'}) [e](https://example.org) `[f](x.md)`\n"
        "```sh\n[g](y.md)\n```\n",
        encoding="utf-8",
    )
    assert [link.rsplit("/", 1)[-1] for link in links(probe)] == [
        "nowhere.md", "nowhere.png", "plans.md#nowhere", "plans.md"
    ]  # fmt: skip
    assert len(broken_links(probe)) == 3


def test_slugs_are_the_ones_mkdocs_makes() -> None:
    assert slugify("The convener's cycle: check-ins, saturation, outcomes") == (
        "the-conveners-cycle-check-ins-saturation-outcomes"
    )
    assert slugify("Under load (`python -m bench.loadtest`, 2 cores)") == (
        "under-load-python-m-benchloadtest-2-cores"
    )
    assert "outcomes-dashboard" in anchors(DOCS / "conveners-cycle.md")


def test_the_readme_links_every_docs_page() -> None:
    linked = {t.partition("#")[0] for t in links(README)}
    assert {f"docs/{page.name}" for page in PAGES} <= linked


def test_the_readme_stays_short() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 150


def test_the_quick_start_shows_exactly_make_demo_and_make_test() -> None:
    quick_start = README.read_text(encoding="utf-8").split("## Quick start", 1)[1]
    quick_start = quick_start.split("\n## ", 1)[0]
    block = quick_start.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    assert commands == ["make demo", "make test"]


def test_mkdocs_builds_the_site_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    for page in PAGES:
        html = (site / page.with_suffix(".html").name).read_text(encoding="utf-8")
        # The slugs worked out above are the ids MkDocs gave the headings.
        assert anchors(page) <= set(re.findall(r'<h[1-6] id="([^"]+)"', html)), page.name
