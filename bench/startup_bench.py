"""Start-up benchmark: a fresh ``policydesk`` process until its main window is on screen.

Each run starts a new Python process that goes through the real entry point
(``desktop_app.cli.main([])`` → ``app.run_gui``); every module is imported
when the ``policydesk`` command would import it (nothing ahead of it).
When the app enters its event loop (``QApplication.exec``), the child starts
watching the main window; once the window's first paint pass has finished
(the main window and every child widget painted and flushed) it prints a
marker and ends the process at once; the parent measures wall time from
spawning the process to reading the marker (interpreter start, imports,
corpus load, window build and first paint all included).  Work the window schedules for after its first paint (jieba and
the search index, the tool menu entries, the mouse-button filter) is not part
of the figure.

Usage::

    QT_QPA_PLATFORM=offscreen python bench/startup_bench.py [--runs 9]
    xvfb-run -a python bench/startup_bench.py            # a real X server
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "WINDOW-SHOWN"
TARGET_S = 0.6

# Prints the marker once the first paint pass of *window* is over: the window gets its Paint event first,
# its children next, all in one pass; a zero timer posted from the window's Paint event runs after it.
WATCH = f"""
def _marker_after_first_paint(window):
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, _shown)
            return False

    def _shown():
        sys.stdout.write("{MARKER}\\n")
        sys.stdout.flush()
        os._exit(0)

    window._first_paint_watch = FirstPaint()
    window.installEventFilter(window._first_paint_watch)
"""

CHILD = f"""
import importlib.util, os, sys
{WATCH}

def _patch_app(module):
    make_application = module._application

    def _application():
        application = make_application()
        real_exec = type(application).exec

        def exec_(self=None):
            window = next(w for w in application.topLevelWidgets() if w.objectName() == "mainWindow")
            _marker_after_first_paint(window)
            return real_exec()  # the real event loop; the marker ends the process

        type(application).exec = exec_
        return application

    module._application = _application

class _PatchWhenImported:
    # desktop_app.app is patched when the entry point imports it, so every module loads when it would in
    # a real start (cli.main turns the garbage collector off before that import).
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "desktop_app.app":
            return None
        sys.meta_path.remove(_PatchWhenImported)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            _patch_app(module)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _PatchWhenImported)
from desktop_app.cli import main
sys.exit(main([]))
"""

# The floor: an empty PySide6 main window with one Chinese label, shown and timed the same way.
FLOOR = f"""
import os, sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
{WATCH}
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("政策起草助手"))
_marker_after_first_paint(window)
window.show()
app.exec()
"""


def one_run(env: dict[str, str], child: str = CHILD) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", child], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == MARKER:
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise SystemExit(f"the window never appeared (exit code {proc.returncode})")
    proc.wait(timeout=120)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--plans", type=int, default=0,
                        help="also start with a library of this many imported city plans (180 clauses each), "
                             "interleaved with the start on the shipped documents only")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # An installed app has compiled bytecode; keep it out of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="policydesk-bench-") as data:
        env["POLICYDESK_DATA_DIR"] = data
        env["PYTHONPYCACHEPREFIX"] = str(Path(data) / "pycache")
        library = _library(Path(data), args.plans, env) if args.plans else None
        first = one_run(env)  # fresh user data directory and no bytecode yet
        one_run(env, FLOOR)
        times, floor, with_plans = [], [], []
        for _ in range(args.runs):  # interleaved, so that all see the same load on the machine
            times.append(one_run(env))
            if library is not None:
                with_plans.append(one_run(library))
            floor.append(one_run(env, FLOOR))
    print(f"platform: {env['QT_QPA_PLATFORM']}")
    print(f"first start (empty data dir, compiling bytecode): {first:.3f} s")
    print(f"later starts ({args.runs} runs): min {min(times):.3f} s, median {statistics.median(times):.3f} s, "
          f"max {max(times):.3f} s  (target ≤ {TARGET_S} s)")
    if with_plans:
        ratio = statistics.median(with_plans) / statistics.median(times)
        print(f"with {args.plans} imported plans: min {min(with_plans):.3f} s, median "
              f"{statistics.median(with_plans):.3f} s, max {max(with_plans):.3f} s  ({ratio:.2f}× the shipped "
              f"documents only; target ≤ 1.3×)")
    print(f"floor, an empty PySide6 window: min {min(floor):.3f} s, median {statistics.median(floor):.3f} s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def _library(data: Path, n_plans: int, env: dict[str, str]) -> dict[str, str]:
    """The environment of a second data directory holding *n_plans* imported plans (bytecode shared)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from search_bench import plans, save_documents

    library = data / "library"
    save_documents(plans(n_plans, 180), library)
    one_run({**env, "POLICYDESK_DATA_DIR": str(library)})  # its first start: settings written
    return {**env, "POLICYDESK_DATA_DIR": str(library)}


if __name__ == "__main__":
    sys.exit(main())
