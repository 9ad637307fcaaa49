"""Backprop Studio's PySide6 application (imports core and resources)."""

from .refcount_guard import protect_singletons

protect_singletons()  # PySide6 6.12 steals references to True/None on CPython 3.11: see refcount_guard
