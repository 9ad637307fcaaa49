"""When a fitted canvas fits again (README: "Until you zoom or pan, the view stays fitted").

A view the student has not zoomed or panned follows the network: it fits again when a layer is added or
removed, its units change, a connection is made or removed (a freshly built 2-2-1 showed 1 of x → h1's
4 weights until Ctrl+0) or the network gets its first dataset, and, whatever the structure, when the network grew past the view, the legend
covers it, or larger texts left edge numbers without their spot.
"""

from __future__ import annotations

from . import fit_zoom, legend_room


def structure_of(doc) -> tuple:
    """What a fitted view follows: the layers (name, units), the connections, and whether there is a dataset
    (its first one brings z, b, t and the thumbnails into the cards); not the layers' places (a layer the
    student drags stays where it is put, the view with it while the network still shows)."""
    if doc is None:
        return ()
    net = doc.network
    return (tuple((layer.name, layer.units) for layer in net.layers), tuple(net.connections),
            net.dataset is None)


class FitFollow:
    """The structure the view was last fitted to, and whether a fitted view must fit again."""

    def __init__(self):
        self.structure: tuple | None = None

    def fitted(self, doc) -> None:
        """Fit chose the view for ``doc``'s network as it is now."""
        self.structure = structure_of(doc)

    def structure_changed(self, scene) -> bool:
        """Whether layers or connections changed since the last fit (the view fits again once the scene has
        laid the new cards and edges out: fitted in the middle of that, edge numbers lacked their spots)."""
        return structure_of(scene.doc) != self.structure

    @staticmethod
    def lost_view(view, scene, layout_changed: bool) -> bool:
        """Whether the fitted ``view`` no longer shows the network whole and readable after its layout changed
        (``layout_changed``): it grew past the view (a several-neuron output's column), the legend covers it
        (Backward's adds a line), or larger texts left edge numbers without a spot (the step-through's z and b)."""
        return layout_changed and (not view.visible_scene_rect().contains(scene.itemsBoundingRect())
                                   or legend_room.covers(view) or fit_zoom.lost_numbers(scene))
