"""``policydesk --screenshot``: a PNG of the window at 1400×900, rendered offscreen, then exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def run_policydesk(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, POLICYDESK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # screenshot mode must pick offscreen itself
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=240, check=False)


@pytest.mark.slow
def test_screenshot_of_the_coverage_view(tmp_path, data_dir):
    target = tmp_path / "shots" / "coverage.png"
    result = run_policydesk("--screenshot", str(target), "--view", "coverage", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1400, 900)
    # the gap rows are painted in the gap colour somewhere in the table
    colours = {image.pixelColor(x, y).name() for x in range(500, 1400, 7) for y in range(100, 500, 3)}
    assert "#fde2e1" in colours


@pytest.mark.slow
def test_screenshot_with_an_unknown_clause_says_so(tmp_path, data_dir):
    result = run_policydesk("--screenshot", str(tmp_path / "x.png"), "--open", "liaoning:（九十）",
                            data_dir=data_dir)
    assert result.returncode == 2
    assert "找不到条款" in result.stderr
    assert not (tmp_path / "x.png").exists()
