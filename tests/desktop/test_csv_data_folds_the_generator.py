"""exam_csv from File → Examples at 1024×700, its Dataset tab: the generator's fields read "xor, 200 samples, noise 0,
seed 0" beside "60 samples from exam_results.csv", as if they had made the data, and the scatter beside them was
about 40 px high (teacher review 24 #6). Data not generated folds the generator away behind "Other data…" (as a
guided lesson's own data does) and the scatter gets the room."""
from __future__ import annotations

from PySide6.QtCore import Qt

from lesson_support import Student
from test_restored_weights_marked import open_from_examples


def test_a_csvs_data_folds_the_generator_away_and_its_points_are_readable(main_window, qtbot):
    from desktop.panels.dataset_panel import DatasetPanel

    w = main_window
    w.resize(1024, 700)
    w.apply_default_layout()
    open_from_examples(w, "exam_csv")
    w.training.wait_for_step_0()
    Student(qtbot, w).click_tab("Dataset")
    panel = w.findChild(DatasetPanel)
    qtbot.waitUntil(lambda: panel is not None and panel.isVisible() and "exam_results.csv" in panel.info.text(),
                    timeout=5000)
    assert not panel.generator.isVisible() and not panel.samples.isVisible() and not panel.apply_button.isVisible()
    assert panel.unfold_button.isVisible()
    assert "Apply" not in panel.info.text(), panel.info.text()
    qtbot.waitUntil(lambda: panel.plot_widget.height() >= 90, timeout=5000)  # (was about 40 px of points)
    box = panel.plot.getViewBox()
    assert box.height() >= 60, box.height()
    qtbot.mouseClick(panel.unfold_button, Qt.MouseButton.LeftButton)  # "Other data…": the generator to replace it
    assert panel.generator.isVisible() and panel.apply_button.isVisible() and not panel.unfold_button.isVisible()
