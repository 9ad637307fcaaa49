"""Every text a student can see in the window, collected the way it is shown.

* widgets: labels, buttons, line and spin boxes, combo boxes, plain-text views, tab bars,
  the status bar's message, tool buttons: of every widget that is visible now;
* the canvas: every text item of the scene, and every string its items draw when painted
  (the items paint their numbers with ``QPainter.drawText``: a recording painter catches them);
* pyqtgraph plots: text items, labels and titles, and the axes' tick labels as they would
  be drawn now (``AxisItem.generateDrawSpecs``).

``numbers_in(texts)`` gives the number tokens of those texts, without their sign, so a test can
ask whether a value appears anywhere in the window in any of its written forms.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QGraphicsSimpleTextItem,
                               QGraphicsTextItem, QGraphicsView, QLabel, QLineEdit, QPlainTextEdit, QStatusBar,
                               QStyleOptionGraphicsItem, QTabBar, QTextEdit, QWidget)

NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[−+-]?\d+)?")


class RecordingPainter(QPainter):
    """A painter on a scratch image that remembers every string drawn with drawText."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args):  # noqa: N802 (Qt's name)
        self.texts += [a for a in args if isinstance(a, str)]
        return super().drawText(*args)


def widget_texts(root: QWidget) -> list[str]:
    texts = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(w.text())
        elif isinstance(w, QAbstractSpinBox):
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts.append(w.currentText())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.toPlainText())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(k) for k in range(w.count())]
        elif isinstance(w, QStatusBar):
            texts.append(w.currentMessage())
    return [t for t in texts if t]


def painted_texts(scene) -> list[str]:
    """The strings the scene's visible items draw, and its text items' texts."""
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    option = QStyleOptionGraphicsItem()
    texts = []
    try:
        for item in scene.items():
            if not item.isVisible() or not _shown(item):
                continue
            if isinstance(item, QGraphicsTextItem):
                texts.append(item.toPlainText())
            elif isinstance(item, QGraphicsSimpleTextItem):
                texts.append(item.text())
            painter.save()
            item.paint(painter, option, None)
            painter.restore()
    finally:
        painter.end()
    return texts + painter.texts


def _shown(item) -> bool:
    parent = item.parentItem()
    while parent is not None:
        if not parent.isVisible():
            return False
        parent = parent.parentItem()
    return True


def plot_texts(view: QGraphicsView) -> list[str]:
    """pyqtgraph's texts in ``view``: text items, labels, titles and the tick labels of the axes."""
    texts = []
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        for item in view.scene().items():
            if not item.isVisible() or not _shown(item):
                continue
            if isinstance(item, pg.TextItem):
                texts.append(item.toPlainText())
            elif isinstance(item, pg.LabelItem):
                texts.append(item.text)
            elif isinstance(item, pg.AxisItem) and item.style.get("showValues", True):
                specs = item.generateDrawSpecs(painter)
                if specs is not None:
                    texts += [text for _rect, _flags, text in specs[2]]
                if item.label.isVisible():
                    texts.append(item.label.toPlainText())
    finally:
        painter.end()
    return texts


def window_texts(window) -> list[str]:
    """Every visible text of ``window``: widgets, the canvas, the plots."""
    texts = widget_texts(window)
    for view in window.findChildren(QGraphicsView):
        if not view.isVisible():
            continue
        if isinstance(view, pg.GraphicsView):
            texts += plot_texts(view)
        else:
            texts += painted_texts(view.scene())
    return texts


def numbers_in(texts) -> set[str]:
    """The number tokens of ``texts`` without sign: "−0.0589" and "-0.0589" both give "0.0589"."""
    return {m for text in texts for m in NUMBER.findall(text)}
