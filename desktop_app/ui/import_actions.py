"""The 工具 menu entries for importing and removing documents, installed in the main window at start-up.

Kept apart from :mod:`desktop_app.ui.import_dialog` so that installing them costs nothing: the importers,
link scoring and the dialog are loaded the first time an entry is used.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ..core.errors import PolicyDeskError


def install(window) -> None:
    """Add 工具 → 导入文档… and 工具 → 删除导入的文档… to the main window."""
    window.add_tool_action(window.tr("导入文档…"), lambda: open_import(window), "Ctrl+I")
    window.add_tool_action(window.tr("删除导入的文档…"), lambda: remove_imported(window))


def open_import(window) -> None:
    from .import_dialog import FILE_FILTER as dialog_filter
    from .import_dialog import ImportDialog

    path, _filter = QFileDialog.getOpenFileName(window, window.tr("导入文档"), "", dialog_filter)
    if not path:
        return
    from ..importing.store import UserStore

    dialog = ImportDialog(window.corpus, path, window, store=UserStore(window.workspace.documents_dir))
    dialog.documentImported.connect(window.reload_corpus)
    dialog.open()


def remove_imported(window) -> None:
    """Ask which imported document to remove, confirm, remove it and its links, refresh the window."""
    from ..importing.store import UserStore

    store = UserStore(window.workspace.documents_dir)
    titles = {d.id: d.title for d in window.corpus.documents}
    ids = sorted(store.user_ids())
    if not ids:
        QMessageBox.information(window, window.tr("删除导入的文档"), window.tr("还没有导入过文档。内置文档不能删除。"))
        return
    labels = [f"{doc_id}　《{titles.get(doc_id, '')}》" for doc_id in ids]
    label, ok = QInputDialog.getItem(window, window.tr("删除导入的文档"), window.tr("要删除的文档："), labels, 0, False)
    if not ok or label not in labels:
        return
    doc_id = ids[labels.index(label)]
    question = window.tr("删除《%1》及与它相关的链接？删除后可重新导入。").replace("%1", titles.get(doc_id, doc_id))
    if doc_id in store.builtin_ids():
        question += window.tr("\n（这是导入的中央文件全文，删除后恢复为内置的不完整文本。）")
    answer = QMessageBox.question(window, window.tr("删除导入的文档"), question)
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        store.remove(doc_id)
    except (PolicyDeskError, OSError) as exc:
        QMessageBox.warning(window, window.tr("删除导入的文档"), str(exc))
        return
    window.reload_corpus(doc_id)
