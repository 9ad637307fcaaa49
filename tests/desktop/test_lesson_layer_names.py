"""A guided lesson names layers: renaming a layer (F2 on the canvas, the inspector's Name box)
renames it in the lesson too, in the same undoable step, so the next save is not refused;
deleting a layer the lesson names keeps the work and says why the save is refused."""

from __future__ import annotations

import core
from PySide6.QtCore import Qt

from test_editor import type_keys

LESSON = core.example_path("guided_relu_tutorial")


def lesson_names(lesson) -> list[tuple[int, str, str, str]]:
    """(step, "action"/"question", field, layer) of every layer the lesson names."""
    found = []
    for k, step in enumerate(lesson.steps):
        for part in ("action", "question"):
            item = getattr(step, part)
            for key in ("layer", "source", "target"):
                if item is not None and getattr(item, key, None) is not None:
                    found.append((k, part, key, getattr(item, key)))
    return found


def open_lesson(window):
    assert window.files.load(str(LESSON), as_copy=True)
    doc = window.document
    names = lesson_names(doc.network.lesson)
    # the lesson names "h" as an action's target and a question's layer, source and target
    assert {(part, key) for _, part, key, name in names if name == "h"} >= {
        ("action", "target"), ("question", "layer"), ("question", "source"), ("question", "target")}
    return doc, names


def renamed(names, old, new):
    return [(k, part, key, new if name == old else name) for k, part, key, name in names]


def test_f2_renames_the_layer_in_the_lesson_too_and_undo_restores_both(main_window, canvas, qtbot, dialogs,
                                                                        tmp_path):
    doc, names = open_lesson(main_window)
    canvas.scene.layer_items["h"].setSelected(True)
    canvas.key(Qt.Key.Key_F2)
    editor = canvas.view.editor
    editor.selectAll()
    type_keys(qtbot, editor, "hidden\n")
    assert [layer.name for layer in doc.network.layers] == ["x", "hidden", "y"]
    assert lesson_names(doc.network.lesson) == renamed(names, "h", "hidden")
    assert doc.undo_stack.count() == 1  # one step: the layer and its lesson

    out = tmp_path / "renamed.bpnet"
    dialogs.answer("save_file", str(out))
    main_window.actions_by_name["save"].trigger()
    assert dialogs.of("critical") == []  # the save was not refused
    saved = core.load_network(str(out))
    assert lesson_names(saved.lesson) == renamed(names, "h", "hidden")

    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [layer.name for layer in doc.network.layers] == ["x", "h", "y"]
    assert lesson_names(doc.network.lesson) == names
    doc.undo_stack.redo()
    assert lesson_names(doc.network.lesson) == renamed(names, "h", "hidden")


def test_the_inspectors_name_box_renames_the_input_layer_in_the_lesson_too(main_window, qtbot):
    doc, names = open_lesson(main_window)
    main_window.inspector.select_layer("x")
    box = main_window.inspector.layer_page.name
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "inputs")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert [layer.name for layer in doc.network.layers] == ["inputs", "h", "y"]
    assert lesson_names(doc.network.lesson) == renamed(names, "x", "inputs")
    assert any(name == "inputs" and part == "action" for _, part, _, name in lesson_names(doc.network.lesson))
    doc.undo_stack.undo()
    assert lesson_names(doc.network.lesson) == names


def test_deleting_a_layer_the_lesson_names_keeps_the_work_and_the_save_says_why(main_window, canvas, dialogs,
                                                                               tmp_path):
    doc, _ = open_lesson(main_window)
    canvas.scene.layer_items["h"].setSelected(True)
    canvas.key(Qt.Key.Key_Delete)
    canvas.connect("x", "y")  # a network that could be saved, but for its lesson
    assert [layer.name for layer in doc.network.layers] == ["x", "y"] and doc.network.connections == [("x", "y")]
    out = tmp_path / "deleted.bpnet"
    dialogs.answer("save_file", str(out))
    main_window.actions_by_name["save"].trigger()
    (kind, title, text), = dialogs.of("critical")
    assert title == "Cannot save the network"
    assert "lesson" in text and "'h'" in text  # names the lesson's place and the missing layer
    assert "Traceback" not in text
    assert not out.exists() and list(tmp_path.iterdir()) == []  # nothing half-written
    assert [layer.name for layer in doc.network.layers] == ["x", "y"] and doc.dirty  # the work is kept
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [layer.name for layer in doc.network.layers] == ["x", "h", "y"]
