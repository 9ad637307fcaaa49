"""Dockable views: the live training panels (pyqtgraph) and the inspector."""
