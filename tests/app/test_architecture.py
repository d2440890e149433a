"""The shape of the code, checked: no import cycle between app's packages, every row a
domain stores is written by the write service alone, and the service never imports the
research code in evaluation/."""

import ast
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

# The entry layer: routes, pages, the command and create_app wire services together, and
# nothing but create_app (or another entry) imports them, so they sit above every package.
ENTRY = re.compile(r"(^|\.)(router|crud|main|cli|__main__)$|^ui(\.|$)")


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(APP).with_suffix("").parts).removesuffix(".__init__"): path
        for path in APP.rglob("*.py")
    }


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("app")}
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imports(path):
            target = target.removeprefix("app").removeprefix(".")
            if target in modules and target != name:
                graph.add_edge(name, target)
    return graph


def _package(module: str) -> str:
    return module.split(".")[0]


def test_no_module_imports_itself_in_a_circle() -> None:
    assert list(nx.simple_cycles(_graph())) == []


def test_no_two_packages_import_each_other() -> None:
    """Below the entry layer, a package may use another only if that one never uses it back,
    directly or through others (engagements -> load -> engagements was such a circle)."""
    packages: defaultdict[str, set[str]] = defaultdict(set)
    for a, b in _graph().edges:
        if ENTRY.search(a) is None and _package(a) != _package(b):
            packages[_package(a)].add(_package(b))
    graph = nx.DiGraph([(a, b) for a, targets in packages.items() for b in targets])
    assert list(nx.simple_cycles(graph)) == []


# session.add(row), session.delete(row), or a statement: insert(Model), sql_delete(Model), ...
WRITES = re.compile(
    r"session\.(add|add_all|delete|merge)\(|(?<![.\w])(sql_)?(insert|update|delete)\([A-Z]"
)
# Tables that are not domain records: derived data and bookkeeping, each written by the one
# module that owns it (a write's consequences, key management, the outbox's delivery state).
OWN_WRITERS = {
    "writes.service": "domain records",
    "load.repository": "risk transitions (called by after_write)",
    "matches.change_log": "the index change log (called by after_write)",
    "matches.repository": "cached partner vectors",
    "webhooks.repository": "webhook endpoints, deliveries and attempts",
    "mail.repository": "the mail outbox, its attempts, and addresses not mailed",
    "auth.service": "API keys",
    "people.repository": "people, their invitations and password resets (accounts, like keys)",
    "integrations.idempotency": "idempotency claims",
    "ops.claims": "timed background jobs' leases and how their runs went",
    "writes.attribution": "the write log: who made each write (called by after_write)",
}


@pytest.mark.parametrize("module", sorted(_modules()))
def test_rows_are_written_only_where_the_table_is_owned(module: str) -> None:
    source = _modules()[module].read_text(encoding="utf-8")
    if module not in OWN_WRITERS:
        assert WRITES.search(source) is None, f"app/{module} writes rows itself"


def _imports_evaluation(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
        ):
            names = [node.args[0].value]
        else:
            continue
        if any(name == "evaluation" or name.startswith("evaluation.") for name in names):
            return True
    return False


def test_the_service_never_imports_the_research_code() -> None:
    """evaluation/ (ranking quality, typed needs, the load simulation) is run by the notebooks,
    bench/ and the tests; a module of the service that imported it would load it in production."""
    modules = [path for package in ("app", "matching") for path in (ROOT / package).rglob("*.py")]
    assert len(modules) > 50
    offenders = [str(path.relative_to(ROOT)) for path in modules if _imports_evaluation(path)]
    assert offenders == []
