"""Python's cycle collector runs only on the GUI thread once the app is up.

Automatic collection runs in whichever thread happens to allocate past the threshold: the
window's command thread, or the thread that receives the training process's messages. A cycle
holding a Qt object collected there destroys that object off its thread while holding the GIL;
the CI run that hung in a window's close had its command thread frozen in the middle of an
allocation (``ForkingPickler.__init__``) for minutes. ``ensure_app`` therefore hands collection
to a timer on the GUI thread (pyqtgraph's ``GarbageCollector``).
"""

import gc
import threading
import weakref

from PySide6.QtCore import QObject


def _cycle_holding_a_qobject(collected_on: list) -> None:
    holder = type("Holder", (), {})()
    holder.me = holder
    holder.qt_object = QObject()
    weakref.finalize(holder, lambda: collected_on.append(threading.current_thread().name))


def test_a_cycle_holding_a_qt_object_is_collected_on_the_gui_thread_not_where_memory_was_allocated(qtbot):
    from desktop.app import ensure_app

    ensure_app()
    gc.collect()
    collected_on: list = []
    _cycle_holding_a_qobject(collected_on)
    kept = []

    def allocate_like_a_receiver():
        kept.extend([i] for i in range(50_000))  # well past the collector's threshold

    worker = threading.Thread(target=allocate_like_a_receiver, name="training process receiver")
    worker.start()
    worker.join()
    assert collected_on == [], f"the cycle was collected on the thread {collected_on}"
    qtbot.waitUntil(lambda: bool(collected_on), timeout=5000)
    assert collected_on == [threading.main_thread().name]
    del kept
