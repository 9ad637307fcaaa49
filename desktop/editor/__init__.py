"""The canvas: a scene mirroring the document's network, and the view that shows and edits it."""

from .scene import NetworkScene
from .view import NetworkView

__all__ = ["NetworkScene", "NetworkView"]
