"""Live training: the worker thread, the controller, the toolbar and their wiring into the window."""
