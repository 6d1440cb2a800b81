"""Tabs whose page is built the first time it is needed, so the window appears before every view exists."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QTabWidget, QWidget

from .views import check_view

Factory = Callable[[], QWidget]


class LazyTabs(QObject):
    """Keeps the pages of one QTabWidget by name; a page given as a factory is built on first use."""

    def __init__(self, tabs: QTabWidget, on_built: Callable[[QWidget], None] | None = None) -> None:
        """*on_built(page)* is called once a factory's page is built (e.g. to restore its remembered layout)."""
        super().__init__(tabs)
        self.tabs = tabs
        self._on_built = on_built
        self.pages: dict[str, QWidget] = {}
        self._factories: dict[str, Factory] = {}
        tabs.currentChanged.connect(self._on_current_changed)

    def add(self, name: str, page: QWidget | Factory, title: str) -> None:
        if isinstance(page, QWidget):
            check_view(name, page)
            self.pages[name] = page
        else:
            self._factories[name] = page
            self.pages[name] = QWidget()  # stands in until the page is first shown
        self.tabs.addTab(self.pages[name], title)

    def page(self, name: str) -> QWidget:
        """The page, built now if it has not been yet."""
        factory = self._factories.pop(name, None)
        if factory is not None:
            placeholder = self.pages[name]
            index = self.tabs.indexOf(placeholder)
            title, current = self.tabs.tabText(index), self.tabs.currentIndex()
            widget = factory()
            check_view(name, widget)
            self.tabs.blockSignals(True)
            try:
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, widget, title)
                self.tabs.setCurrentIndex(current)
            finally:
                self.tabs.blockSignals(False)
            placeholder.deleteLater()
            self.pages[name] = widget
            if self._on_built is not None:
                self._on_built(widget)
        return self.pages[name]

    @property
    def unbuilt(self) -> set[str]:
        return set(self._factories)

    def built(self) -> dict[str, QWidget]:
        """The pages built so far (the ones that exist as views, not placeholders)."""
        return {n: w for n, w in self.pages.items() if n not in self._factories}

    def show(self, name: str) -> QWidget:
        widget = self.page(name)
        self.tabs.setCurrentWidget(widget)
        return widget

    def name_of(self, widget: QWidget | None) -> str | None:
        return next((n for n, w in self.pages.items() if w is widget), None)

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        name = self.name_of(self.tabs.widget(index))
        if name in self._factories:
            self.page(name)
