"""The code of what a window does not show at first loads when it is first shown (issue 20, start-up).

A window opens on the Inspector's network page with the Dataset panel a tab behind the Output map:
the modules of the layer, connection and edge pages (with the edge page's L(w) plot) and of the
Dataset panel are not loaded until the student selects a layer or an edge or raises the tab, and
pyqtgraph's exporters not until a plot's right-click menu is first built (``test_plot_export``), nor
the code of two menu actions until they are used, nor the thread pool that answers a lesson's
questions until one is asked. Run
in a fresh interpreter: the test session itself has loaded them all long before.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ON_DEMAND = ("desktop.panels.dataset_panel", "desktop.panels.inspector_edge", "desktop.panels.inspector_layer",
             "desktop.panels.loss_of_weight")
#: loaded when a menu first needs them: a plot's right-click menu (the way to Export…), Edit →
#: Re-initialise Weights…'s dialog, File → New Lesson's undoable command
ON_MENU = ("pyqtgraph.exporters", "desktop.editor.reinit_dialog", "desktop.lesson.commands")
#: loaded when a lesson's question is first checked or answered (the thread that computes answers)
ON_QUESTION = ("concurrent.futures",)

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QDockWidget
    from desktop.app import create_main_window
    from desktop.view_state import Selection

    ON_DEMAND = {on_demand!r}

    def loaded(names=ON_DEMAND):
        return sorted(m for m in names if m in sys.modules)

    window = create_main_window(restore_layout=False)
    window.resize(1300, 850)
    window.show()
    QApplication.processEvents()
    print("OPENED:", loaded(ON_DEMAND + {on_menu!r}))
    net = window.document.network
    source, target = next(iter(net.connections))
    window.view_state.select(Selection.edge(source, target, 0, 0))
    QApplication.processEvents()
    print("EDGE:", loaded())
    window.view_state.select(Selection.of_layers(target))
    window.findChild(QDockWidget, "dataset_panel").raise_()
    QApplication.processEvents()
    print("LAYER AND DATASET:", loaded())
    window.training.shutdown()
    """
)


def test_the_pages_and_panels_not_shown_load_their_code_when_first_shown(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ROOT, "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(on_demand=ON_DEMAND, on_menu=ON_MENU + ON_QUESTION)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert lines["OPENED"] == "[]", done.stdout
    assert lines["EDGE"] == str(["desktop.panels.inspector_edge", "desktop.panels.loss_of_weight"]), done.stdout
    assert lines["LAYER AND DATASET"] == str(sorted(ON_DEMAND)), done.stdout
