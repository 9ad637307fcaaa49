"""``backprop-studio FILE --screenshot PNG`` leaves without the interpreter's teardown
(``desktop.__main__._leave_now``) but after its exit handlers: the picture and the output are
whole and no process is left behind (issue 20). (The statuses 130 and 143 through the same
exit: tests/desktop/test_signals.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from PySide6.QtGui import QImage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_a_screenshot_with_training_leaves_a_whole_picture_and_no_process(tmp_path):
    png = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ROOT}
    child = subprocess.Popen([sys.executable, "-m", "desktop", "xor", "--screenshot", str(png), "--train-steps", "5",
                              "--size", "1024x700"], cwd=tmp_path, env=env, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out == f"wrote {png}\n" and "leaked" not in err and "Traceback" not in err
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1024, 700)
    deadline = time.monotonic() + 5
    while True:  # its session (the training process, the resource tracker) is empty
        left = subprocess.run(["ps", "-o", "pid=,args=", "-s", str(child.pid)], capture_output=True, text=True).stdout
        if not left.strip() or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert not left.strip(), left

