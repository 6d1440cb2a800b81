"""How the shell is put together: one workspace passed down, no import cycle, one place for labels, views
built by factories that import their own modules."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import desktop_app

PACKAGE = Path(desktop_app.__file__).parent
SHELL = [PACKAGE / "app.py", *sorted((PACKAGE / "ui").rglob("*.py"))]


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_no_window_module_reads_the_data_directory_itself():
    offenders = [str(p.relative_to(PACKAGE)) for p in SHELL
                 if re.search(r"\bdata_dir\(|user_documents_dir\(|load_default\(", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_app_never_imports_the_command_line():
    assert not [n for n in _imports(PACKAGE / "app.py") if n in (".cli", "desktop_app.cli")]


def test_importing_app_loads_neither_qt_nor_the_command_line():
    code = ("import sys, desktop_app.app\n"
            "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'desktop_app.cli', "
            "'desktop_app.core.corpus'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_views_are_plugged_in_by_factories_not_module_names():
    source = (PACKAGE / "app.py").read_text(encoding="utf-8") + (PACKAGE / "ui" / "main_window.py").read_text(
        encoding="utf-8")
    assert "import_module" not in source and "find_spec" not in source and "hasattr(" not in source


def test_the_window_reads_labels_from_one_place():
    offenders = [str(p.relative_to(PACKAGE)) for p in SHELL
                 if re.search(r"\.(kind|completeness|relation)\.label\b", p.read_text(encoding="utf-8"))]
    assert offenders == []
