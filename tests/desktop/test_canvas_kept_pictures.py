"""What the canvas keeps between frames shows what a fresh drawing would: an input neuron's picture
(kept while the data's plane stays) and a bundled connection's band (its words painted again alone
when only they changed)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QApplication

import core
from desktop import commands
from test_training_support import training_window  # noqa: F401 (a fixture)


def lesson(name: str) -> core.Network:
    return core.load_network(core.example_path(name))


def test_input_pictures_follow_the_data_to_a_new_range(qtbot, training_window):
    window = training_window(lesson("xor"))
    scene = window.canvas.scene()
    qtbot.waitUntil(lambda: scene.thumbnail("x", 0) is not None, timeout=10000)
    before = scene.thumbnail("x", 0).copy()
    doc = window.document
    data = doc.network.dataset
    moved = core.Dataset(data.inputs + np.array([2.0, 0.0]), data.targets)  # x0 now from 2 to 3
    assert doc.perform(commands.set_dataset(doc, moved)) is None
    qtbot.waitUntil(lambda: scene.thumbnail("x", 0) is not None and scene.thumbnail("x", 0) != before,
                    timeout=10000)
    from desktop.main_window import MainWindow

    fresh = MainWindow(restore_layout=False, network=doc.network.copy())  # opened anew: nothing kept
    try:
        fresh.resize(window.size())
        fresh.show()
        qtbot.waitUntil(lambda: fresh.canvas.scene().thumbnail("x", 0) is not None, timeout=10000)
        for k in range(2):
            assert scene.thumbnail("x", k) == fresh.canvas.scene().thumbnail("x", k)
    finally:
        fresh.document.undo_stack.setClean()
        fresh.close()


def test_a_bands_words_painted_alone_match_the_whole_band_painted_again(main_window, qtbot):
    doc = main_window.document
    assert doc.perform(commands.set_units(doc, "h", 50)) is None
    view = main_window.canvas
    band = view.scene().connection_items["x", "h"].items[0]
    QApplication.processEvents()
    # every weight half as big again, twice: the shares of + and − stay, the mean |w| in the words changes
    for _ in range(2):
        assert doc.perform(commands.SetParameters(doc, "Scale", doc.network.flat * 1.5)) is None
        QApplication.processEvents()
    after_step = view.viewport().grab().toImage()
    band.update()  # the whole band drawn again from scratch
    QApplication.processEvents()
    assert view.viewport().grab().toImage() == after_step
