import time
import core
from PySide6.QtWidgets import QApplication
from test_editor_readable import SIZES, leave_lesson
from test_canvas_texts_apart import phases_walked


def test_count(qtbot, lesson_window):
    window = lesson_window
    view = window.canvas
    calls = []
    orig = type(view)._fit
    def counting(self):
        t = time.process_time(); orig(self); calls.append(time.process_time() - t)
    type(view)._fit = counting
    out = open("/tmp/testspeed/fitcount.txt", "w")
    app = QApplication.instance()
    def mark(what):
        out.write(f"{what}: {len(calls)} fits {sum(calls):.2f}s\n"); calls.clear()
    try:
        for lesson in ["skip_connection", "one_hidden_sigmoid", "three_classes_softmax"]:
            for size in SIZES:
                window.document.replace_network(core.load_network(core.example_path(lesson)), None); app.processEvents(); mark(f"{lesson} {size} replace")
                leave_lesson(window); mark("leave")
                window.resize(*size); app.processEvents(); mark("resize")
                window.apply_default_layout(); app.processEvents(); mark("layout")
                window.training.wait_for_step_0(); app.processEvents(); mark("step0")
                window.canvas.fit(); app.processEvents(); mark("fit")
                for phase in phases_walked(qtbot, window):
                    mark(f"  {phase}")
                mark("end")
    finally:
        type(view)._fit = orig
