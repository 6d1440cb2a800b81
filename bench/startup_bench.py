"""Start-up benchmark: a fresh ``policydesk`` process until its main window is on screen.

Each run starts a new Python process that goes through the real entry point
(``desktop_app.cli.main([])`` → ``app.run_gui``).  ``QApplication.exec`` is
replaced by a stand-in that waits until the window is exposed, prints a
marker and returns; the parent measures wall time from spawning the process to
reading the marker (interpreter start, imports, corpus load, window build and
first show all included; jieba and the search index load afterwards in the
background and are not part of the figure).

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

CHILD = f"""
import sys
from PySide6.QtWidgets import QApplication

def shown_then_return(self=None):
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    while not (window.windowHandle() and window.windowHandle().isExposed()):
        app.processEvents()
    app.processEvents()  # the first paint
    sys.stdout.write("{MARKER}\\n")
    sys.stdout.flush()
    return 0

QApplication.exec = shown_then_return
from desktop_app.cli import main
sys.exit(main([]))
"""

# The floor: an empty PySide6 main window with one Chinese label, shown the same way.
FLOOR = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("政策起草助手"))
window.show()
while not (window.windowHandle() and window.windowHandle().isExposed()):
    app.processEvents()
app.processEvents()
sys.stdout.write("{MARKER}\\n")
sys.stdout.flush()
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
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # An installed app has compiled bytecode; keep it out of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="policydesk-bench-") as data:
        env["POLICYDESK_DATA_DIR"] = data
        env["PYTHONPYCACHEPREFIX"] = str(Path(data) / "pycache")
        first = one_run(env)  # fresh user data directory and no bytecode yet
        times = [one_run(env) for _ in range(args.runs)]
        floor = [one_run(env, FLOOR) for _ in range(args.runs)]
    print(f"platform: {env['QT_QPA_PLATFORM']}")
    print(f"first start (empty data dir, compiling bytecode): {first:.3f} s")
    print(f"later starts ({args.runs} runs): min {min(times):.3f} s, median {statistics.median(times):.3f} s, "
          f"max {max(times):.3f} s  (target ≤ {TARGET_S} s)")
    print(f"floor, an empty PySide6 window: min {min(floor):.3f} s, median {statistics.median(floor):.3f} s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
