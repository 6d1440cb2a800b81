"""What several window tests share."""

from __future__ import annotations

INDEX_TIMEOUT = 120_000  # the first open builds the index (jieba load included)


def wait_ready(qtbot, window) -> None:
    """Wait until the window's search index is open; fail with its error if it could not be."""
    if window.search_service.state != "ready":
        with qtbot.waitSignal(window.search_service.stateChanged, timeout=INDEX_TIMEOUT,
                              check_params_cb=lambda state: state in ("ready", "failed")):
            pass
    assert window.search_service.state == "ready", window.search_service.error
