"""Start-up bookkeeping that a person never sees but would pay for: garbage collection is back on afterwards."""

from __future__ import annotations

import gc

from desktop_app.cli import main


def test_a_window_start_that_fails_leaves_garbage_collection_on(tmp_path, monkeypatch, capsys):
    # cli.main turns collection off while the window starts (app.run_gui turns it on after the first paint);
    # a start that stops early must not leave the process collecting nothing.
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert gc.isenabled()
    code = main(["--screenshot", str(tmp_path / "x.png"), "--open", "liaoning:（九十）"])
    assert code == 2
    assert "找不到条款" in capsys.readouterr().err
    assert gc.isenabled()
    assert not (tmp_path / "x.png").exists()
