"""Benchmark: what one rewrite of the Matrix form costs, since its equations wrap to the dock's width.

Run:  python3 tests/benchmarks/bench_matrix_form.py [--examples xor,three_classes_softmax,spiral] [--repeats 20]

Not collected by pytest (its name is bench_*.py). For each example at 1024×700 (the default layout,
the Lesson panel closed, the Matrix form tab raised, the first hidden layer selected) it prints the CPU
time (``time.process_time``: the machine is shared) of one page in ms:

* ``one row``: the page with every equation on one row (``matrix_form_html`` alone, as before wrapping);
* ``wrapped, new widths``: the panel's page with no matrix width kept (a layer just selected: every
  matrix laid out once to measure it);
* ``wrapped, kept widths``: the panel's page again (while training changes the numbers but not their
  lengths, ``written_width`` keeps every width: this is the page a running session asks for).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for folder in (ROOT, os.path.join(ROOT, "tests", "desktop")):
    if folder not in sys.path:
        sys.path.insert(0, folder)


def per_page(render, repeats: int, before=None) -> float:
    """CPU ms per call of ``render()`` (``before()`` first, untimed)."""
    total = 0.0
    for _ in range(repeats):
        if before is not None:
            before()
        start = time.process_time()
        render()
        total += time.process_time() - start
    return total / repeats * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", default="xor,three_classes_softmax,spiral")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    import core
    from desktop.app import create_main_window
    from desktop.panels.matrix_view import matrix_form_html
    from desktop.view_values import Selection
    from lesson_support import leave_lesson

    window = create_main_window(restore_layout=False)
    window.resize(1024, 700)
    window.show()
    window.apply_default_layout()
    try:
        print(f"{'example':24} {'one row':>9} {'wrapped, new widths':>20} {'wrapped, kept widths':>21}  (CPU ms per page)")
        for name in args.examples.split(","):
            window.files.open_example(str(core.example_path(name)))
            window.training.wait_for_step_0()
            leave_lesson(window)
            window.view_state.select(Selection.of_layers(window.document.network.layers[1].name))
            window.matrix_form_panel.parentWidget().raise_()
            app.processEvents()
            panel, view_state = window.matrix_form_panel, window.view_state
            plain = per_page(lambda: matrix_form_html(view_state), args.repeats)
            new = per_page(lambda: panel.render(view_state), args.repeats, panel._widths.clear)
            kept = per_page(lambda: panel.render(view_state), args.repeats)
            print(f"{name:24} {plain:9.2f} {new:20.2f} {kept:21.2f}")
    finally:
        window.document.undo_stack.setClean()
        window.close()


if __name__ == "__main__":
    main()
