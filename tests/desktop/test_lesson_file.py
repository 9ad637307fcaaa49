"""A guided lesson's file through the real window: its lesson survives an edit and a save, and a save
that would break the lesson is refused with a message, keeping the old file and the student's work."""

from __future__ import annotations

import core
from desktop import commands
from desktop.app import create_main_window


def test_the_lesson_survives_editing_and_saving(dialogs, tmp_path, qtbot):
    window = create_main_window(core.example_path("guided_relu_tutorial"), restore_layout=False)
    qtbot.addWidget(window)
    try:
        lesson = window.document.network.lesson
        assert lesson is not None and len(lesson.steps) >= 10
        doc = window.document
        assert doc.perform(commands.SetWeight(doc, "h", "y", 0, 0, 0.25)) is None
        path = tmp_path / "mine.bpnet"
        assert window.files.write(str(path))
        saved = core.load_network(path)
        assert saved.lesson == lesson
        assert saved.weights["h", "y"][0, 0] == 0.25
        old = path.read_bytes()

        doc.perform(commands.remove_layers(doc, ["h"]))
        doc.perform(commands.connect(doc, "x", "y"))  # a valid network, but the lesson's layer h is gone
        assert not doc.network.problems()
        assert not window.files.save()
        (errors,) = dialogs.of("critical")
        assert "no longer fits the network" in errors[2] and "Undo the change" in errors[2]
        assert path.read_bytes() == old
        assert doc.dirty
    finally:
        window.close()
