"""The README's pictures of the textbook-chapter views (used by ``gallery.py --readme``):
the Matrix form dock, the Sum over paths dock and the Cross-validate dialog, each grabbed alone."""

from __future__ import annotations

import time

CHAPTER_SHOTS = ("matrix-form", "paths", "kfold")


def render_chapter_shot(window, what: str, png: str, app) -> None:
    """Grab one view of ``window`` (a lesson already open) into ``png``."""
    from desktop.view_state import Selection

    net = window.document.network
    vs = window.view_state
    if what == "kfold":
        from desktop.kfold.dialog import open_cross_validate

        dialog = open_cross_validate(window)
        dialog.k.setValue(5)
        dialog.epochs.setValue(40)
        dialog.start()
        deadline = time.monotonic() + 300
        while dialog.result is None and dialog.run is not None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        dialog.grab().save(png)
        dialog.close()
        while dialog._closing and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.05)
        return
    vs.set_sample(1)
    if what == "matrix-form":
        vs.select(Selection.of_layers(net.order()[1]))
        dock, panel = window.matrix_form_dock, window.matrix_form_panel
    else:
        source, target = net.connections[0]
        vs.select_edge(source, target, 0, 0)
        dock, panel = window.paths_dock, window.paths_panel
    dock.show()
    dock.raise_()
    panel.resize(900, 600)
    panel.refresh()
    app.processEvents()
    panel.grab().save(png)
