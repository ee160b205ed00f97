"""Tab pages built when first shown, so that what only they need (matplotlib for the charts)
is imported then and not while the app starts.

A page waits as an empty placeholder tab. Showing its tab, or asking for it (``page(name)``,
as the window's attributes and the tests do), builds it and puts it in the placeholder's
place, then ``refresh`` brings it up to date (the results shown so far); later results reach
it through :meth:`LazyPages.refresh`, which skips pages not built yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyPages:
    """The pages of ``tabs`` built on first use."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._waiting: dict[str, tuple[QWidget, str, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        self._refresh: dict[str, Callable[[QWidget], None] | None] = {}
        tabs.currentChanged.connect(self._shown)

    def add(self, name: str, label: str, build: Callable[[], QWidget],
            refresh: Callable[[QWidget], None] | None = None) -> None:
        """A tab labelled ``label`` whose page ``build()`` makes when first needed."""
        placeholder = QWidget()
        self._waiting[name] = (placeholder, label, build)
        self._refresh[name] = refresh
        self.tabs.addTab(placeholder, label)

    def is_built(self, name: str) -> bool:
        return name in self._built

    def page(self, name: str) -> QWidget:
        """The page ``name``, built now if it was not yet."""
        if name in self._built:
            return self._built[name]
        placeholder, label, build = self._waiting.pop(name)
        page = self._built[name] = build()
        index = self.tabs.indexOf(placeholder)
        current = self.tabs.currentIndex() == index
        blocked = self.tabs.blockSignals(True)  # the same tab stays current: nothing to announce
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, label)
            if current:
                self.tabs.setCurrentIndex(index)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self.refresh(name)
        return page

    def refresh(self, *names: str) -> None:
        """Bring the pages ``names`` that are built up to date (the others catch up when built)."""
        for name in names:
            if name in self._built and self._refresh[name] is not None:
                self._refresh[name](self._built[name])

    def _shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for name, (placeholder, _label, _build) in list(self._waiting.items()):
            if placeholder is widget:
                self.page(name)
                return
