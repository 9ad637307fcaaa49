"""Backprop Studio's PySide6 application (imports core and resources)."""

#: the program's version (``backprop-studio --version``); the same as pyproject.toml's (a test checks it)
__version__ = "0.1.0"
