"""The command imports what a command needs when it runs it: building it (`--help`) pulls in no
numeric library, web framework or database layer, and the app `serve` creates neither the
solver nor scikit-learn. Each check runs in a fresh interpreter, where sys.modules is clean.
(The wall times are in bench/startup.py, not here.)"""

import subprocess
import sys
from typing import get_args

from typer.testing import CliRunner

from app import cli
from app.auth.models import Role
from app.config import Settings
from app.integrations.bulk import Bulk, FileFormat

#: Modules that take a noticeable part of a second or more to import.
HEAVY = ("sklearn", "scipy.optimize", "scipy.stats", "torch", "onnxruntime",
         "sentence_transformers", "ortools")  # fmt: skip
#: What a command imports when it runs, never when it is built.
RUN_TIME = ("numpy", "scipy", "fastapi", "sqlalchemy", "uvicorn", "app.config", "app.main")


def imported_by(code: str, watched: tuple[str, ...]) -> list[str]:
    """The watched modules in sys.modules after `code` runs in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {watched!r} if m in sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    return lines[-1].split() if lines else []


def test_importing_the_command_imports_nothing_heavy() -> None:
    assert imported_by("import app.cli", HEAVY + RUN_TIME) == []


def test_the_help_of_every_command_imports_nothing_heavy() -> None:
    code = (
        "from typer.testing import CliRunner\n"
        "from app.cli import cli\n"
        "for args in ([], ['--help'], ['serve', '--help'], ['demo', '--help'],\n"
        "             ['import', '--help'], ['plan', '--help'], ['keys', 'create', '--help'],\n"
        "             ['webhooks', '--help']):\n"
        "    done = CliRunner().invoke(cli, args)\n"
        "    assert done.exit_code in (0, 2) and 'Usage' in done.output, (args, done.output)\n"
    )
    assert imported_by(code, HEAVY + RUN_TIME) == []


def test_the_app_serve_creates_imports_neither_the_solver_nor_scikit_learn() -> None:
    # The embedder is handed in: what the model itself imports is the model's business.
    code = (
        "import numpy as np\n"
        "from app.config import Settings\n"
        "from app.main import create_app\n"
        "class Embedder:\n"
        "    name, dim, dense = 'stub', 4, True\n"
        "    def embed(self, texts):\n"
        "        return np.ones((len(texts), 4), dtype=np.float32) / 2\n"
        "settings = Settings(database_url='sqlite://', webhook_worker=False)\n"
        "app = create_app(settings, embedder=Embedder())\n"
        "assert app.routes\n"
    )
    assert imported_by(code, HEAVY) == []


def test_the_choices_spelt_out_are_the_enums_values() -> None:
    assert get_args(cli.RoleName) == tuple(Role)
    assert get_args(cli.BulkName) == tuple(Bulk)
    assert get_args(cli.FormatName) == tuple(FileFormat)


def test_host_and_port_help_name_the_real_defaults() -> None:
    done = CliRunner().invoke(cli.cli, ["serve", "--help"], env={"COLUMNS": "200"})
    assert done.exit_code == 0
    defaults = Settings.model_fields
    assert (
        f"Interface to listen on (default: the HOST setting, {defaults['host'].default})."
        in done.output
    )
    assert f"Port to listen on (default: the PORT setting, {defaults['port'].default})." in (
        done.output
    )
