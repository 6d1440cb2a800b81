"""The one job runner: answers on the GUI thread, lanes, progress, latest answer only, failures reported."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.errors import PolicyDeskError
from desktop_app.ui.workers import Lane, QueryOp, lane_pool, running_count, wait_for_all


def settle(qtbot) -> None:
    assert wait_for_all(30_000)
    qtbot.waitUntil(lambda: running_count() == 0, timeout=5000)


def test_the_answer_comes_back_on_the_gui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    threads = []

    def op():
        threads.append(QThread.currentThread())
        return 42

    with qtbot.waitCallback() as answered:
        QueryOp(parent=parent, op=op, success=answered).run_in_background()
    answered.assert_called_with(42)
    assert threads and threads[0] is not parent.thread()
    settle(qtbot)


def test_a_failure_is_reported_in_chinese_over_the_parent(qtbot, no_modal_dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)

    def op():
        raise PolicyDeskError("方案.docx：磁盘空间已满")

    QueryOp(parent=parent, op=op, success=lambda _r: None).run_in_background()
    qtbot.waitUntil(lambda: bool(no_modal_dialogs), timeout=10_000)
    assert no_modal_dialogs == [("warning", "操作未完成：方案.docx：磁盘空间已满")]
    settle(qtbot)


def test_an_os_error_names_the_file_and_the_cause(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def op():
        return open("/nonexistent-folder/x.txt", encoding="utf-8")

    with qtbot.waitCallback() as failed:
        QueryOp(parent=parent, op=op, success=lambda _r: None).failure(failed).run_in_background()
    from desktop_app.ui.workers import describe_failure

    assert describe_failure(failed.args[0]) == "/nonexistent-folder/x.txt：文件夹不存在"
    settle(qtbot)


def test_only_the_latest_answer_is_delivered(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    got = []

    def slow():
        release.wait(30)
        return "old"

    key = (id(parent), "as-you-type")
    QueryOp(parent=parent, op=slow, success=got.append).latest_only(key).run_in_background()
    with qtbot.waitCallback() as newest:
        QueryOp(parent=parent, op=lambda: "new", success=newest).latest_only(key).in_lane(Lane.IO) \
            .run_in_background()
    release.set()
    settle(qtbot)
    newest.assert_called_with("new")
    assert got == []  # the older answer arrived later and was dropped


def test_progress_shows_a_dialog_only_for_a_slow_job_and_reports_each_step(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    steps = []

    def op(progress):
        progress(1, 3)
        release.wait(30)
        progress(3, 3)
        return "done"

    with qtbot.waitCallback(timeout=30_000) as finished:
        QueryOp(parent=parent, op=op, success=finished) \
            .with_progress("正在导出…", on_progress=lambda done, _total: steps.append(done)) \
            .in_lane(Lane.EXPORT).run_in_background()
        qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=10_000)
        (dialog,) = parent.findChildren(QProgressDialog)
        assert dialog.labelText() == "正在导出…"
        release.set()
    finished.assert_called_with("done")
    assert steps == [1, 3]
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=5000)
    settle(qtbot)


def test_a_deleted_parent_gets_no_answer_and_nothing_breaks(qtbot):
    parent = QWidget()
    release = threading.Event()
    got = []

    def op():
        release.wait(30)
        return 1

    QueryOp(parent=parent, op=op, success=got.append).run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent), timeout=5000)
    release.set()
    settle(qtbot)
    assert got == []


def test_the_index_lane_runs_one_job_at_a_time_in_order(qtbot):
    order = []
    assert lane_pool(Lane.INDEX).maxThreadCount() == 1
    for n in range(5):
        QueryOp(parent=None, op=lambda n=n: order.append(n), success=lambda _r: None).in_lane(Lane.INDEX) \
            .run_in_background()
    settle(qtbot)
    assert order == [0, 1, 2, 3, 4]
