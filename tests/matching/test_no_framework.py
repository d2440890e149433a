"""matching/ stays framework-free: importing it pulls in no web or database framework, nor
the research code in evaluation/."""

import subprocess
import sys


def test_matching_imports_no_framework() -> None:
    code = (
        "import sys, pkgutil, importlib, matching\n"
        "for m in pkgutil.walk_packages(matching.__path__, 'matching.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in ('app', 'evaluation', 'fastapi', 'sqlalchemy', 'pydantic_settings',\n"
        "                   'starlette') if n in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
