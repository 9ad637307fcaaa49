"""Backprop Studio's PySide6 application (imports core and resources)."""
