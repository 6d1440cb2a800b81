"""The domain knows no Qt: only desktop_app/ui/ and desktop_app/app.py may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import desktop_app

PACKAGE = Path(desktop_app.__file__).parent


def domain_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if "ui" not in p.relative_to(PACKAGE).parts and p.name != "app.py"]


def test_no_domain_source_imports_pyside6():
    offenders = []
    for path in domain_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            qt = [n for n in names if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6")]
            offenders += [f"{path.relative_to(PACKAGE)}: {n}" for n in qt]
    assert offenders == []


def test_importing_every_domain_module_loads_no_qt():
    modules = [
        "desktop_app." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).replace(".__init__", "")
        for p in domain_modules() if p.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.rstrip('.'))\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
