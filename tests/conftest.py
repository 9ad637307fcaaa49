"""Test-wide setup: Qt runs offscreen so a plain `pytest` works on any machine."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
