"""Files through the real window: save/reopen, bad files, the unsaved-changes prompt, recent, revert, examples."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

import core
from desktop import commands
from desktop.app import create_main_window

Save, Discard, Cancel = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


def edit_a_weight(window, value=0.625):
    doc = window.document
    assert doc.perform(commands.SetWeight(doc, "x", "h", 0, 0, value)) is None


def test_save_then_reopen_gives_the_same_network(main_window, dialogs, tmp_path, state_of, qtbot):
    edit_a_weight(main_window)
    assert main_window.isWindowModified() and "[*]" in main_window.windowTitle()
    path = str(tmp_path / "mine.bpnet")
    dialogs.answer("save_file", str(tmp_path / "mine"))  # the extension is added
    main_window.actions_by_name["save"].trigger()
    assert os.path.exists(path)
    assert not main_window.document.dirty and not main_window.isWindowModified()
    assert main_window.windowTitle().startswith("mine.bpnet")
    saved = state_of(main_window.document.network)

    other = create_main_window(path, restore_layout=False)
    try:
        assert state_of(other.document.network) == saved
        assert str(other.document.path) == path
        assert other.files.recent_files()[0] == os.path.abspath(path)
    finally:
        other.close()


def test_a_bad_file_shows_the_error_and_keeps_the_document(main_window, dialogs, tmp_path, state_of):
    edit_a_weight(main_window)
    before, steps = state_of(main_window.document.network), main_window.document.undo_stack.count()
    bad = tmp_path / "broken.bpnet"
    bad.write_text('{"format": "backprop-studio.network", "version": 1, "layers": [{"name": "x", "units": -3}], '
                   '"connections": []}')
    dialogs.answer("question", Discard)
    dialogs.answer("open_file", str(bad))
    main_window.actions_by_name["open"].trigger()
    errors = dialogs.of("critical")
    assert len(errors) == 1
    assert "broken.bpnet" in errors[0][2] and "units" in errors[0][2]
    assert state_of(main_window.document.network) == before
    assert main_window.document.undo_stack.count() == steps


def test_unsaved_changes_prompt_cancel_keeps_the_window_open(main_window, dialogs, state_of):
    edit_a_weight(main_window)
    before = state_of(main_window.document.network)
    dialogs.answer("question", Cancel)
    assert not main_window.close()
    assert main_window.isVisible()
    assert len(dialogs.of("question")) == 1 and "not saved" in dialogs.of("question")[0][2]
    dialogs.answer("question", Cancel)
    assert not main_window.files.new()
    assert state_of(main_window.document.network) == before


def test_unsaved_changes_prompt_save_writes_then_proceeds(main_window, dialogs, tmp_path):
    edit_a_weight(main_window, 0.875)
    path = tmp_path / "kept.bpnet"
    dialogs.answer("question", Save)
    dialogs.answer("save_file", str(path))
    assert main_window.files.new()
    assert main_window.document.network.layers == []
    assert core.load_network(str(path)).weights["x", "h"][0, 0] == 0.875


def test_unsaved_changes_prompt_discard_drops_the_changes(main_window, dialogs):
    edit_a_weight(main_window)
    dialogs.answer("question", Discard)
    assert main_window.files.new()
    assert not main_window.document.dirty and main_window.document.network.layers == []


def test_closing_a_clean_window_asks_nothing(main_window, dialogs):
    assert main_window.close()
    assert dialogs.of("question") == []


def test_revert_reloads_the_saved_file(main_window, dialogs, tmp_path, state_of):
    path = str(tmp_path / "r.bpnet")
    main_window.files.write(path)
    saved = state_of(main_window.document.network)
    edit_a_weight(main_window, -3.0)
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    main_window.actions_by_name["revert"].trigger()
    assert state_of(main_window.document.network) == saved
    assert not main_window.document.dirty


def test_save_refusal_shows_why_and_keeps_the_old_file(main_window, dialogs, tmp_path):
    path = tmp_path / "n.bpnet"
    main_window.files.write(str(path))
    old_bytes = path.read_bytes()
    doc = main_window.document
    doc.perform(commands.add_layer(doc, "loose", 2))  # two input layers: not savable
    assert not main_window.files.save()
    assert dialogs.of("critical")
    assert path.read_bytes() == old_bytes
    assert doc.dirty


def test_recent_files_menu_lists_opened_files(main_window, dialogs, tmp_path):
    paths = []
    for name in ("a", "b"):
        path = str(tmp_path / f"{name}.bpnet")
        main_window.files.write(path)
        paths.append(os.path.abspath(path))
    menu = main_window.menus["Open Recent"]
    main_window.files.fill_recent_menu(menu)
    texts = [a.text() for a in menu.actions()]
    assert texts[0].endswith("b.bpnet") and texts[1].endswith("a.bpnet")
    assert main_window.files.recent_files()[:2] == paths[::-1]


def test_examples_menu_lists_the_lessons_with_descriptions(main_window, state_of):
    from core.examples import list_examples

    menu = main_window.menus["Examples"]
    main_window.files.fill_examples_menu(menu)
    lessons = list_examples()
    assert len(lessons) >= 3
    actions = [a for a in menu.actions() if a.isEnabled()]
    assert [a.text() for a in actions] == [e.title for e in lessons]
    assert all(a.toolTip() for a in actions)
    spiral = next(a for a, e in zip(actions, lessons) if e.name == "spiral")
    spiral.trigger()
    assert state_of(main_window.document.network) == state_of(core.load_network(
        next(e.path for e in lessons if e.name == "spiral")))
    assert main_window.document.path is None  # a lesson opens as an untitled copy


def test_the_examples_menu_is_filled_when_the_student_opens_it(main_window, qtbot):
    """File → Examples reads the lessons' titles when it opens (not with the window): opening it
    shows every lesson."""
    from core.examples import list_examples

    menu = main_window.menus["Examples"]
    assert [a for a in menu.actions() if a.isEnabled()] == []  # nothing read at start
    menu.popup(main_window.mapToGlobal(main_window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    assert [a.text() for a in menu.actions() if a.isEnabled()] == [e.title for e in list_examples()]
    menu.hide()


def test_the_first_lesson_is_the_bundled_xor_file(monkeypatch):
    """One XOR lesson, the file: the window opens on resources/examples/xor.bpnet, and only a
    broken install (the file missing) gives an empty network instead."""
    from desktop import files

    bundled = core.load_network(core.example_path("xor"))
    first = files.default_network()
    assert first.name == bundled.name and first.connections == bundled.connections
    assert first.parameters().tobytes() == bundled.parameters().tobytes()

    def missing(name):
        raise KeyError(name)

    monkeypatch.setattr(core, "example_path", missing)
    empty = files.default_network()
    assert empty.name == "Untitled" and not empty.layers
