"""How Fit to Window finds its zoom when the network's extent depends on the zoom.

Texts on the canvas keep their size on screen, so the smaller the zoom, the wider the cards, their
numbers and the gaps between them are in scene units (``card_spacing``). A fit therefore fits again
at the zoom it found until the extent settles: with E(s) the network's extent (scene units) laid out
at zoom s and F(E) the zoom that shows an extent E whole, it looks for s = F(E(s)).

The zooms found creep towards it when texts take most of the view, so the search jumps to where they
lead (``settled_scale``, Aitken's Δ²); when it stops a little above the zoom that shows everything, it
goes down to that zoom, and a step below it if it still creeps.

How large the texts are is chosen with the zoom (``fit_readable``): the panels' size when the network
has the room for it, smaller when not; and when even the smallest leaves the neurons' numbers overlapping
at the zoom found (``values_crowded``, the scene's), none is written and the network is fitted again.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QRectF

from . import style

#: the smallest zoom of the canvas (its wheel and Fit alike)
MIN_SCALE = 0.05
#: Fit stops when the network's extent changes by less than this fraction from one pass to the next
SETTLED = 0.005
#: the room kept around the network by Fit (scene units)
MARGIN = 30.0
#: the largest ratio of two steps ``settled_scale`` extrapolates with (the steps to come add up to at most 3·d2)
MAX_RATIO = 0.75


#: the on-screen em heights (px) Fit tries for the canvas's texts, largest first (``fit_readable``): 9 px with
#: the numbers beside the circles they would run over (``style.ROOMY_MIN_TEXT_PX``) before 9 px
TEXT_FLOORS = (style.READABLE_TEXT_PX, 10.5, style.ROOMY_MIN_TEXT_PX, style.MIN_TEXT_PX)
#: the least radius (px on screen) of the neurons with texts above ``style.MIN_TEXT_PX``; drawn smaller,
#: Fit takes a smaller text (``fit_readable``)
READABLE_NEURON_PX = 9.0


def fit_readable(view, fit_scale: Callable[[QRectF], tuple[float, QRectF]],
                 zoom_to: Callable[[float], None]) -> QRectF:
    """``settle`` with the canvas's texts as large as the network has room for; the scene rect to centre.
    First at ``style.MIN_TEXT_PX`` (as before texts could grow); when that shows every edge number and
    draws the neurons with a radius of at least ``READABLE_NEURON_PX``, at each larger size of
    ``TEXT_FLOORS`` in turn (the panels' size first), from the zoom found: the first at which, fitted,
    the neurons keep that radius and every edge drawn on its own still prints its number stays (the
    gaps between cards then hold an edge's widest number, ``card_spacing.card_gap``; a later phase
    whose numbers find no spot fits again, ``lost_numbers``). Larger texts make the cards wider in
    scene units, and Fit zooms out to show them: on a crowded network the numbers would lose their
    spots and the circles shrink to dots (it keeps ``style.MIN_TEXT_PX`` then). A 1-1-1 network on a
    laptop's canvas (454 px wide) is capped by its width, not by the zoom's 150 %: its cards, their
    texts and the gaps for the edges' numbers fill the row at any zoom, so larger texts leave the
    circles less room.

    The size found and its zoom are kept for the network's layout and the canvas's size
    (``layout_key``): the next phase of a step-through starts from them and fits once (from a zoom
    that shows the network whole, ``settle`` has next to nothing to do: from the zoom 1 it took up to
    15 layouts at 12 px), and searches again only when that size no longer has the room. The panels'
    size, when the texts have it already (a phase, a larger canvas), is fitted first and stays while
    it has the room. A larger size is fitted (``settle``, the cost) only when the network, laid out
    with it at the 9 px zoom, passes ``may_be_readable`` (one layout), and its fit stops at the first
    zoom that shows the circles will be too small (``hopeless``: saturation's 12 px at 1024×700 took 10
    layouts down to a zoom that draws them with a 6 px radius, where 3 showed it)."""
    scene = view.scene()
    key = layout_key(view)
    kept = scene.chosen_text_floors.get(key)
    if kept is not None:  # this layout on this canvas was fitted before: its size, once, while it has the room
        floor, zoom, hidden = kept
        scene.set_text_floor(floor, lay_out=False)  # laid out once, at the zoom ``still_fitted`` goes to first
        scene.set_values_hidden(hidden, lay_out=False)
        target = still_fitted(view, fit_scale, zoom_to, zoom) or (
            settle(view, fit_scale, zoom_to) if floor == style.MIN_TEXT_PX else _settle_unless_hopeless(view, fit_scale, zoom_to))
        if floor == style.MIN_TEXT_PX or (target is not None and readable(view)):
            return _keep(scene, key, floor, view, target)
    if kept is None and scene.text_floor == TEXT_FLOORS[0]:  # at the panels' size already: it stays while
        target = _settle_unless_hopeless(view, fit_scale, zoom_to)  # it has the room (a search costs 2 fits more)
        if target is not None and readable(view):
            return _keep(scene, key, TEXT_FLOORS[0], view, target)
    floor, target = _search_floor(view, fit_scale, zoom_to, key)
    return _keep(scene, key, floor, view, target)


def still_fitted(view, fit_scale, zoom_to, zoom: float) -> QRectF | None:
    """The scene rect to centre when the network, laid out at ``zoom`` (the one Fit found last for
    its layout), still shows whole and does not at a zoom ``SETTLED`` larger (the view then zoomed to
    ``zoom`` and measured again: laid out after the larger zoom's layout, it may differ, as an edge
    number keeps its place while it is free; trained saturation_cross_entropy's y card stood 13 px past
    the canvas's edge in Backward at 1024×700); else None (the view at either). Where the network's
    extent jumps with the zoom, ``settle`` ends below the jump, and from there searched again for up
    to 15 layouts."""
    zoom_to(zoom)
    need, target = needed(view, fit_scale)
    if need < zoom * 0.999:
        return None
    if need <= zoom * (1 + SETTLED):
        return target
    zoom_to(zoom * (1 + SETTLED))
    if needed(view, fit_scale)[0] >= zoom * (1 + SETTLED) * 0.999:
        return None
    zoom_to(zoom)  # laid out again after the larger zoom's layout, which it may not undo: measured again
    need, target = needed(view, fit_scale)
    return target if need >= zoom * 0.999 else None


def needed(view, fit_scale) -> tuple[float, QRectF]:
    """``fit_scale`` of the scene's items with ``MARGIN`` around them."""
    return fit_scale(view.scene().itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))


#: how many layouts ``fit_readable`` keeps the texts' size and zoom of (the scene's ``chosen_text_floors``)
KEPT_LAYOUTS = 64


def _keep(scene, key: tuple, floor: float, view, target: QRectF) -> QRectF:
    """``target``, the texts' size ``floor`` and the view's zoom kept for ``key`` (``fit_readable``)."""
    if len(scene.chosen_text_floors) >= KEPT_LAYOUTS and key not in scene.chosen_text_floors:
        scene.chosen_text_floors.clear()
    scene.chosen_text_floors[key] = (floor, view.transform().m11(), scene.values_hidden)
    return target


def _search_floor(view, fit_scale, zoom_to, key: tuple) -> tuple[float, QRectF]:
    """(the largest of ``TEXT_FLOORS`` the network has room for, the scene rect to centre), the view
    fitted at it (``fit_readable``; ``key``: its ``layout_key``). A size that had no room for the same
    network on a canvas at least as wide and as tall is not tried (``too_large``: the step bar took
    7 px of three_classes_softmax's canvas at its first F7, and a search that fitted 12 and 10.5 px
    again cost 0.6 s); a size's fit stops as soon as a zoom it tries shows that size has no room
    (``hopeless``: a failed fit took 10 layouts)."""
    scene = view.scene()
    scene.set_values_hidden(False)
    scene.set_text_floor(style.MIN_TEXT_PX)
    target = settle(view, fit_scale, zoom_to)
    if scene.values_crowded():  # the neurons' numbers would overlap at the zoom found: none is written,
        scene.set_values_hidden(True, lay_out=False)  # and the cards, narrower, may be drawn larger: fitted
        zoom_to(1.0)  # from the zoom 1 (from the low zoom found, each fit of texts that large in the scene led lower)
        return style.MIN_TEXT_PX, settle(view, fit_scale, zoom_to)
    smallest = view.transform().m11()
    if not readable(view):
        return style.MIN_TEXT_PX, target
    for floor in TEXT_FLOORS[:-1]:
        if too_large(scene, key, floor):
            continue
        scene.set_text_floor(floor)  # laid out at the 9 px zoom: one relayout
        if not may_be_readable(view):
            continue
        larger = _settle_unless_hopeless(view, fit_scale, zoom_to)
        if larger is not None and readable(view):
            return floor, larger
        _remember_too_large(scene, key, floor)
        zoom_to(smallest)
    scene.set_text_floor(style.MIN_TEXT_PX)
    zoom_to(smallest)
    return style.MIN_TEXT_PX, target


class _NoRoom(Exception):
    """A zoom tried while fitting larger texts showed they have no room (``hopeless``)."""


def _settle_unless_hopeless(view, fit_scale, zoom_to) -> QRectF | None:
    """``settle`` at the texts' size the scene has, the scene rect to centre; None, the view at the
    zoom it tried last, as soon as a zoom it tries is ``hopeless`` for that size."""
    def zoom_and_look(scale: float) -> None:
        zoom_to(scale)
        if hopeless(view, scale, needed(view, fit_scale)[0]):
            raise _NoRoom

    try:
        return settle(view, fit_scale, zoom_and_look)
    except _NoRoom:
        return None


def hopeless(view, scale: float, need: float) -> bool:
    """Whether the network, laid out at the zoom ``scale`` with the texts' size it has, shows that Fit
    will not find it ``readable`` at that size: it does not show whole at ``scale`` (it needs the zoom
    ``need`` < ``scale``), which already draws the neurons with a radius under ``READABLE_NEURON_PX``.
    Why: texts keep their size on screen, so at a zoom s the cards and numbers are E(s) = A + B/s wide
    (scene units) and show whole when s·E(s) = s·A + B ≤ V (the view): they show whole at every zoom up
    to some s* and at none above it. What appears with a larger zoom keeps that order (z and b under the
    neurons, a column of lead-outs: the network grows with s). ``settle`` ends at or below s*, so below
    ``scale``, where the circles are smaller still. (Edge numbers without a spot at ``scale`` are no
    such sign: skip_connection at 1400×900 with 12 px texts hid 12 at the zoom 0.551 and none at 0.533.)"""
    return need < scale * 0.999 and style.NEURON_RADIUS * scale < READABLE_NEURON_PX


def too_large(scene, key: tuple, floor: float) -> bool:
    """Whether texts of ``floor`` px had no room for the network of ``key`` (a ``layout_key``) on a
    canvas at least as wide and as tall (more room never takes a number's spot or shrinks a circle)."""
    width, height = key[-1]
    return any(w >= width and h >= height and floor >= f for w, h, f in scene.too_large_floors.get(key[:-1], ()))


def _remember_too_large(scene, key: tuple, floor: float) -> None:
    if len(scene.too_large_floors) >= KEPT_LAYOUTS:
        scene.too_large_floors.clear()
    scene.too_large_floors.setdefault(key[:-1], []).append((*key[-1], floor))


def may_be_readable(view) -> bool:
    """Whether the network, laid out with the larger texts it has now at the view's zoom s₉ (Fit's at
    9 px texts), may still be fitted readably: every edge drawn on its own prints its number at s₉.
    Fit's zoom at larger texts is at most about s₉, and the smaller the zoom, the larger the texts
    are against the gaps between cards: a number without a spot at s₉ has none there either. (The
    zoom that shows the network whole as laid out at s₉ is no bound of Fit's: below it z and b may
    leave for the tooltip, or the edges' numbers their column, and the network shrinks.)"""
    return not view.scene().hidden_edge_numbers()


def layout_key(view) -> tuple:
    """What decides the texts' size ``fit_readable`` finds, bar the phase's numbers: the network shown
    (which, its layers' units and folding, its connections), whether its neurons show thumbnails, the digits,
    whether a step-through shows (its phases write z and b, the loss, old → new: each walk's first phase and
    the canvas after it each fit from their own, not from each other's; phase15 found each walk's first
    Forward searched again, 784-64-10's ~60 ms), and the canvas's size."""
    scene = view.scene()
    view_state = getattr(scene, "view_state", None)
    layers = tuple((name, item.units, item.collapsed) for name, item in scene.layer_items.items())
    thumbnails = view_state is not None and view_state.shows_thumbnails()
    digits = getattr(view_state, "digits", None)
    stepping = view_state is not None and view_state.stepping is not None
    return (id(scene.doc.network) if scene.doc is not None else None, layers, tuple(scene.connection_items), thumbnails, digits,
            stepping, view.viewport().size().toTuple())


def readable(view) -> bool:
    """Whether the view, fitted, draws the neurons with a radius of at least ``READABLE_NEURON_PX`` and
    every edge drawn on its own prints its number."""
    return style.NEURON_RADIUS * view.transform().m11() >= READABLE_NEURON_PX and \
        not view.scene().hidden_edge_numbers()


def lost_numbers(scene) -> bool:
    """Whether texts larger than ``style.MIN_TEXT_PX`` now leave some edge number without its spot
    (the cards grew since Fit chose them: ``fit_readable`` must choose again)."""
    return scene.text_floor > style.MIN_TEXT_PX and scene.hidden_edge_numbers() > 0


def settle(view, fit_scale: Callable[[QRectF], tuple[float, QRectF]], zoom_to: Callable[[float], None]) -> QRectF:
    """Zoom ``view`` (a QGraphicsView) so that its scene's items show whole (see the module); the scene
    rect to centre. ``fit_scale(rect)`` gives (zoom, rect to centre) that shows ``rect`` whole at the
    layout it has; ``zoom_to(s)`` zooms and lays the cards out for zoom s."""

    def needed() -> tuple[float, QRectF]:
        return fit_scale(view.scene().itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    scale, target = needed()
    current = view.transform().m11()
    if current * 0.999 <= scale <= current * (1 + SETTLED):  # fitted already: it shows all, could gain next to nothing
        return target
    scales: list[float] = []
    tried: dict[float, bool] = {}  # each zoom tried: whether the network, laid out for it, showed whole
    for _ in range(8):
        rect = view.scene().itemsBoundingRect()
        scale, target = needed()
        scales.append(scale)
        scale = scales[-1] = max(settled_scale(scales), MIN_SCALE)
        zoom_to(scale)
        now = view.scene().itemsBoundingRect()
        tried[scale] = needed()[0] >= scale * 0.999
        if jumped(tried, scale):
            return _largest_whole(tried, scale, needed, zoom_to) or needed()[1]
        if abs(now.width() - rect.width()) <= SETTLED * rect.width() and \
                abs(now.height() - rect.height()) <= SETTLED * rect.height():
            break
    need, target = needed()
    for _ in range(3):  # stopped a little above the zoom that shows it all: down to it
        if need >= scale * 0.999:
            return _largest_whole(tried, scale, needed, zoom_to) or target
        scale = max(need, MIN_SCALE)
        zoom_to(scale)
        need, target = needed()
        tried[scale] = need >= scale * 0.999
    if need < scale * 0.999:  # still creeping: a step below it
        scale = max(need * 0.97, MIN_SCALE)
        zoom_to(scale)
        need, target = needed()
        tried[scale] = need >= scale * 0.999
    return _largest_whole(tried, scale, needed, zoom_to) or target


#: the most a zoom that does not show the network whole may lie above one that does for ``jumped``
JUMP_BRACKET = 1.5


def jumped(tried: dict[float, bool], scale: float) -> bool:
    """Whether ``scale``, a zoom that some zoom tried below it (at most ``JUMP_BRACKET`` times smaller)
    showing the network whole asked for, does not show it whole: the network's extent jumped between
    them (a column of edge numbers, ``edge_routes.lead_outs``, or z and b under the neurons appear
    above some zoom). ``settle`` then halves that interval (``_largest_whole``): fitting again at each
    zoom found went back and forth across the jump for up to 15 layouts (skip_connection at 1400×900
    with 12 px texts)."""
    return not tried[scale] and any(whole and scale / JUMP_BRACKET <= s < scale for s, whole in tried.items())


#: the most halvings ``_largest_whole`` takes between a zoom that showed the network whole and one that did not;
#: it stops when they are less than ``SETTLED`` apart (relative)
BISECTIONS = 7


def _largest_whole(tried: dict[float, bool], scale: float, needed, zoom_to) -> QRectF | None:
    """The largest zoom that shows the network whole, when it is larger than ``scale``, the one found:
    the extent may jump with the zoom (the edges' numbers take a column of their own where the gaps
    are wide enough, ``edge_routes.lead_outs``, and the column may be taller than the view), and the
    search above then lands far below it. From the largest zoom ``tried`` that showed it whole, it
    halves the interval up to the smallest larger zoom that did not until they are less than
    ``SETTLED`` apart (at most ``BISECTIONS`` times: 5 each time cost layouts that moved the zoom by
    less than 0.5 %). The scene rect to centre, or None when ``scale`` stays."""
    best = max([s for s, whole in tried.items() if whole] + ([scale] if tried.get(scale, True) else []), default=None)
    if best is None:
        return None
    above = min((s for s, whole in tried.items() if not whole and s > best), default=None)
    target, last = None, scale
    if above is not None:
        for _ in range(BISECTIONS):
            if above - best <= SETTLED * best:
                break
            middle = last = (best + above) / 2
            zoom_to(middle)
            need, shown = needed()
            if need >= middle * 0.999:
                best, target = middle, shown
            else:
                above = middle
    if best == scale and target is None:
        if last != scale:
            zoom_to(scale)  # the zoom found stays (a halving may have left another)
        return None
    if last != best:
        zoom_to(best)
        return needed()[1]
    return target


def settled_scale(scales: list[float]) -> float:
    """Where a fit's zooms lead (``scales``: the zoom found at each pass, each fitting the network
    as laid out at the one before): the last, or, when the last two steps d1, d2 go the same way and
    shrink (d2 = q·d1, 0 < q < 1), the last plus what the steps to come add up to, d2·q/(1 − q) =
    −d2²/(d2 − d1) (Aitken's Δ²: near a wide network's zoom the steps shrink slowly), q taken at most
    ``MAX_RATIO``: steps that barely shrink (exam_csv's 0.372, 0.364, …) leapt to 0.093, and the
    search then settled on a zoom far below the one that shows the network whole."""
    last = scales[-1]
    if len(scales) < 3:
        return last
    d1, d2 = scales[-2] - scales[-3], scales[-1] - scales[-2]
    if d1 * d2 <= 0 or abs(d2) >= abs(d1):
        return last
    q = min(d2 / d1, MAX_RATIO)
    return last + d2 * q / (1 - q)
