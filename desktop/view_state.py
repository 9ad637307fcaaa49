"""What the canvas shows, owned in one place (napari's evented model, in Qt signals).

The view state answers, for the scene, the inspector and the panels:

* **which input is traced**: one dataset row (``sample``), or the next mini-batch
  (``sample is None``: the rows the next Step will use, told by training);
* **the number of each neuron** for that input: a, z, δ = dL/dz and the bias, from
  ``core.layer_traces`` at the weights shown (a batch shows the mean over its rows);
* **the number of each edge**: its weight (the document's, or the live weights of a
  running session), or its gradient dL/dw for the traced input (``traced_gradient``: the
  same gradient the chain-rule panel explains);
* **the step-through phase** (forward → loss → backward → update) and the
  ``core.StepTrace`` it walks through;
* **how many significant digits** numbers on the canvas have;
* **neuron thumbnails**: each neuron's activation over the input plane (two-input
  networks), computed by training's worker, shown only at the weights they belong to;
* **what is selected**: layers, one edge or a whole connection (``Selection``). The
  scene reports the student's clicks here; the inspector, the trajectories and the scene
  itself follow ``selection_changed``; anyone may select (``select``);
* **whether training waits**: a guided lesson's words in place of "Press Play or Step to train."
  while it holds training back (``training_waits``; the Loss panel writes them).

Writers: the canvas (selection), the sample picker, training (live weights, gradient, next batch rows), the
step-through controls, a guided lesson (what it hides, whether training waits). Readers subscribe to ``changed``
and read; none of them decides what a number means. Nothing here changes the document. The traced numbers are
computed by ``TracedNumbers`` (``desktop.view_numbers``), the records of training by ``TrainingRecords``.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
from PySide6.QtCore import QObject, Signal

import core
from core.lesson_words import one_sample_words

from desktop import reveal
from desktop.view_defaults import teaching_defaults
from desktop.view_numbers import NOT_COMPUTED, TracedNumbers
from desktop.view_records import TrainingRecords
from desktop.weights_words import RunEnd, as_saved, weights_words
from desktop.written_numbers import written
from desktop.view_values import (  # noqa: F401 (the view state's vocabulary, imported from here)
    MAX_VECTOR_SHOWN, PHASES, NeuronNumbers, Selection, StepThrough, THUMBNAILS_DEFAULT_MAX, _rows_text,
    _vector_text, canvas_numbers_by_default, loss_terms, sample_values, thumbnails_by_default)

#: at most this many rows of a mini-batch are traced for the canvas numbers
MAX_TRACED_ROWS = 512
#: the fields that announce their own change (``<field>_changed``, with the new value)
FIELDS = ("digits", "sample", "batch_rows", "edge_mode", "live_parameters", "stepping", "thumbnails",
          "hidden", "canvas_numbers", "answers_current", "training_waits", "formula_weights")


class ViewState(TracedNumbers, TrainingRecords, QObject):
    """napari's evented model in Qt signals: each field of FIELDS announces its own change
    (``sample_changed``, …, with the new value) only when its value really changed, and
    ``changed`` says "something shown changed: repaint". Inside ``with view_state.batch():``
    every announcement waits for the end of the outermost block, then each changed field
    emits once and ``changed`` once (napari's ``events.blocker()``)."""

    #: something shown changed (numbers, traced input, phase, digits, …): repaint; once per batch
    changed = Signal()
    #: the selection changed: Selection or None
    selection_changed = Signal(object)
    digits_changed = Signal(int)
    sample_changed = Signal(object)
    batch_rows_changed = Signal(object)
    edge_mode_changed = Signal(str)
    live_parameters_changed = Signal(object)
    #: the step-through moved (a StepThrough, or None: ended): every panel follows the phase
    stepping_changed = Signal(object)
    thumbnails_changed = Signal(bool)
    #: the quantities kept hidden changed (``hide``/``unhide``): a frozenset of (quantity, layer)
    hidden_changed = Signal(object)
    answers_current_changed = Signal(bool)
    canvas_numbers_changed = Signal(bool)
    training_waits_changed = Signal(str)
    formula_weights_changed = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.digits = 4
        self.sample: int | None = None
        self.batch_rows: np.ndarray | None = None
        self.edge_mode = "weight"
        self.live_parameters: np.ndarray | None = None
        self.stepping: StepThrough | None = None
        self.selection: Selection | None = None
        #: (quantity, layer) pairs kept hidden whatever the phase (a lesson's open question; layer None: all)
        self.hidden: frozenset = frozenset()
        #: the numbers a guided lesson's student answered are of the weights shown: False once the lesson has
        #: had them train, or while the student's typed weights differ from the saved ones (the canvas then
        #: writes a, not the answered δ: ``delta_on_neurons``)
        self.answers_current = True
        #: while a guided lesson holds training back, the words in place of "Press Play or Step to train."
        #: ("Training waits until step 5 is answered.", ``desktop.lesson.train_gate``); "" when training is free
        self.training_waits = ""
        #: the connections (source, target) whose weights a guided lesson's step asks the student to use in a
        #: formula (δ of a hidden layer takes the weights out of it): the edges write them "w 0.5" where the
        #: others carry dL/dw (``edge_writes_weight``)
        self.formula_weights: frozenset = frozenset()
        #: z and b beside each neuron for the traced input (View menu); on for small networks
        self.canvas_numbers = True
        #: what the last finished run left in the document (its step, a restored epoch): ``set_run_end``
        self.run_end: RunEnd | None = None
        #: recorded weight values of the last run: (steps (m,), values (m, k), watched (k,) flat indices)
        self.weight_history: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        #: thumbnails on the canvas (View menu); the worker's maps and the parameters they were computed at
        self.thumbnails = False
        self._neuron_maps: tuple[dict, np.ndarray] | None = None
        self._maps_fit: bool | None = None
        self._maps_given = 0  # set_neuron_maps calls so far
        self._thumbnails_shown: tuple = (None, False)  # see shows_thumbnails
        self._layers: dict | None | object = NOT_COMPUTED
        self._numbers: dict | object = NOT_COMPUTED  # {layer: [NeuronNumbers] or None}
        self._gradient: np.ndarray | None = None
        self._shown_copy = None  # the network at the weights shown (``_shown_network``), made once per change
        self._scratch = None  # (document's network, version, its copy) that ``_shown_network`` reuses
        self._update_held = (None, None, None)  # (trace, hidden, weights) of ``update_shown``
        self._batch_depth = 0
        #: counts the changes: an answer kept for one revision is still right while it stays
        self.revision = 0
        #: counts the changes that may change what a layer card needs room for (not new weights: the
        #: numbers a card writes take their room from the digits, the sample and the phase)
        self.sizes_revision = 0
        self._layer_order: list[str] = []
        self._computable = False  # the network had no problems at _order_made_for
        self._order_made_for = None  # (network, document version) _layer_order was made for
        self._pending: dict[str, None] = {}  # fields changed inside a batch, in order
        #: the fields the student set for this network; the others follow the teaching defaults (``_edited``)
        self._chosen: set[str] = set()
        self._repaint = False
        for signal in (document.structure_changed, document.settings_changed):
            signal.connect(self._edited)
        document.parameters_changed.connect(self._parameters_changed)
        document.network_replaced.connect(self._network_replaced)
        document.structure_changed.connect(lambda: self.set_weight_history(None, None, None))
        self._as_saved = as_saved(self)  # the words' "as saved" at the last file state (``_file_state_changed``)
        document.file_state_changed.connect(self._file_state_changed)
        self._network_replaced()

    # ------------------------------------------------------------ events
    @contextmanager
    def batch(self):
        """Announce what changed inside the block once, at its end (blocks may nest)."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._flush()

    def _announce(self, field: str | None, sizes: bool = True) -> None:
        """``field`` changed (None: only the numbers shown): emit now, or at the end of the batch.
        ``sizes``: False when only numbers changed, not what the cards need room for."""
        self.revision += 1
        if sizes:
            self.sizes_revision += 1
        if field is not None:
            self._pending[field] = None
        self._repaint = True
        if self._batch_depth == 0:
            self._flush()

    def _flush(self) -> None:
        while self._pending or self._repaint:  # a listener may change a field again
            pending, self._pending = list(self._pending), {}
            self._repaint = False
            for field in pending:
                getattr(self, f"{field}_changed").emit(getattr(self, field))
            self.changed.emit()

    def _set(self, field: str, value, numbers: bool = True) -> bool:
        """Set ``field`` if it really changes (arrays compared by value); True when it did.
        ``numbers``: the traced numbers depend on it (their caches are dropped)."""
        old = getattr(self, field)
        same = old is value or (isinstance(old, np.ndarray) and isinstance(value, np.ndarray)
                                and old.shape == value.shape and bool(np.array_equal(old, value)))
        if not same and not isinstance(old, np.ndarray) and not isinstance(value, np.ndarray):
            same = old == value
        if same:
            return False
        setattr(self, field, value)
        if numbers:
            self._drop_caches()
        # new weights of a run, or the next mini-batch while one sample is traced, leave every card's size
        self._announce(field, sizes=not (field == "live_parameters" or (field == "batch_rows" and self.sample is not None)))
        return True

    # ------------------------------------------------------------ writers
    def _choose(self, field: str, value, numbers: bool = True) -> None:
        """The student sets ``field``: kept from now on, whatever the teaching defaults say."""
        if self._set(field, value, numbers=numbers):
            self._chosen.add(field)

    def set_digits(self, digits: int) -> None:
        """Significant digits of the numbers on the canvas (2 … 6)."""
        self._choose("digits", int(min(6, max(2, digits))), numbers=False)

    def select(self, selection: Selection | None) -> None:
        """Select layers, an edge or a connection (None: nothing); listeners follow.

        A selection the network does not have (a gone layer or edge) selects nothing. A listener
        may select again while this is announced (the canvas shows a bundle for an edge of a
        bundled connection): listeners read ``self.selection``, the newest, not the argument."""
        if selection is not None and not selection.exists_in(self.network()):
            selection = None
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    def select_edge(self, source: str, target: str, j: int, i: int) -> None:
        """Select edge W[j, i] of source → target."""
        self.select(Selection.edge(source, target, j, i))

    def set_sample(self, sample: int | None) -> None:
        """Trace dataset row ``sample`` (0-based), or the next mini-batch (None)."""
        if sample is not None:
            n = self.dataset_size()
            if not 0 <= int(sample) < max(n, 1):
                raise ValueError(f"sample {sample} is out of range: the dataset has {n} rows")
            sample = int(sample)
        self._choose("sample", sample)

    def set_batch_rows(self, rows) -> None:
        """The dataset rows of the next mini-batch (training knows them)."""
        rows = None if rows is None else np.asarray(rows, dtype=np.intp)
        self._set("batch_rows", rows, numbers=self.sample is None)

    def set_live_parameters(self, parameters: np.ndarray | None) -> None:
        """Live weights of a running session (None: the document's)."""
        fits = self.document.network.parameter_layout().fits
        self._set("live_parameters", parameters if parameters is not None and fits(parameters) else None)

    def set_stepping(self, stepping: StepThrough | None) -> None:
        """Where the step-through is (None: not stepping): every panel follows ``revealed``."""
        self._set("stepping", stepping)

    def set_edge_mode(self, mode: str) -> None:
        if mode not in ("weight", "gradient"):
            raise ValueError(f"unknown edge colouring {mode!r}; expected 'weight' or 'gradient'")
        self._set("edge_mode", mode, numbers=False)

    def set_thumbnails(self, on: bool) -> None:
        self._choose("thumbnails", bool(on), numbers=False)

    def set_canvas_numbers(self, on: bool) -> None:
        """Show z and b beside each neuron (a is in it) for the traced input."""
        self._choose("canvas_numbers", bool(on), numbers=False)

    def set_answers_current(self, current: bool) -> None:
        """Whether a lesson's answered numbers are about the weights shown (``answers_current``)."""
        self._set("answers_current", bool(current))

    def set_training_waits(self, words: str) -> None:
        """Why training waits, in place of the invitation to train (``training_waits``; "": it may train)."""
        self._set("training_waits", str(words), numbers=False)

    def set_formula_weights(self, connections) -> None:
        """The connections whose weights the lesson's step takes in its formula (``formula_weights``; (): none)."""
        self._set("formula_weights", frozenset(connections), numbers=False)

    def hide(self, quantity: str, layer: str | None = None) -> None:
        """Keep ``quantity`` (of ``layer``; None: of every layer) hidden on every panel until
        ``unhide``: a guided lesson's open question. ``reveal.KNOWN + quantity``: that quantity
        shows although another hidden one covers it (the student has it); ``reveal.ASKED`` and
        ``reveal.LATER`` marks say why a lesson hides a pair (``pending``'s words). See ``desktop.reveal``."""
        plain = reveal.unmarked(quantity)
        reveal.revealed(plain, layer, None, [])  # an unknown quantity is an error here, not later
        self._set("hidden", self.hidden | {(quantity, layer)})

    def unhide(self, quantity: str, layer: str | None = None) -> None:
        self._set("hidden", self.hidden - {(quantity, layer)})

    def revealed(self, quantity: str, layer: str | None = None, index=None) -> bool:
        """Whether ``quantity`` of ``layer`` has been computed in the current phase and is not
        hidden: the one rule every panel asks before writing a number (``desktop.reveal``).
        ``index``: of one number of the layer (a neuron's unit, an edge's (source, j, i)), which a
        lesson shows once its student has answered it although it hides the rest of the layer."""
        if self.stepping is None and not self.hidden:  # the normal view: all is shown (cheap: asked per frame)
            return reveal.revealed(quantity, layer, None, [])
        return reveal.revealed(quantity, layer, self.stepping, self._order(), self.hidden, index)

    def pending(self, quantity: str, layer: str | None = None, index=None) -> str:
        """What to write in place of ``quantity`` of ``layer`` (its number ``index``, as for ``revealed``)
        while it is not revealed: during a step-through, when it will appear ("? (appears when Backward
        reaches h)"); in a lesson, why it is held back ("? (shows once you answer)")."""
        hidden = reveal.hidden_reason(quantity, layer, self.hidden, index)
        step = self.stepping
        return reveal.pending_words(quantity, hidden, step, layer, self._order() if step is not None else None)

    def pending_figure(self, quantity: str, index=None) -> str | None:
        """For a figure of the whole network (``"loss"``, ``"accuracy"``; ``"output"`` for the output map): None when
        it may be shown, else the words to write in its place (``pending`` of the output layer). ``index``: a loss
        measured at the weights after k steps, ``reveal.after_steps(k)`` (before the step walked: known already)."""
        if self.stepping is None and not self.hidden:  # the normal view (cheap: asked per frame)
            return None
        layer = self.network().output_layer if not self.network().problems() else None
        if self.stepping is None or not reveal.before_walked_step(index, self.stepping.trace.step):
            return None if self.revealed(quantity, layer, index) else self.pending(quantity, layer, index)
        return self.held(quantity, layer, index)

    def held(self, quantity: str, layer: str | None = None, index=None) -> str | None:
        """The words in place of ``quantity`` of ``layer`` (its number ``index``, as for ``revealed``) while an
        owner of ``hidden`` (a guided lesson's open or later question) holds it back, whatever the phase
        ("? (shows once you answer)"); None when nothing holds it (it may still wait for its phase: ``revealed``)."""
        if not self.hidden or not reveal.is_hidden(quantity, layer, self.hidden, index):
            return None
        return reveal.pending_words(quantity, reveal.hidden_reason(quantity, layer, self.hidden, index))

    def held_figure(self, quantity: str, index=None) -> str | None:
        """``held`` for a figure of the whole network (of the output layer, as ``pending_figure``) while a lesson
        holds it, whatever the phase (``index``: ``reveal.after_steps(k)``, a loss at the weights after k steps);
        None else, and for predict mode's hold ("hidden": the weights now, which ``pending_figure`` holds)."""
        layer = self.network().output_layer if self.hidden and self.computable_order() is not None else None
        reason = reveal.hidden_reason(quantity, layer, self.hidden, index) if self.hidden else None
        return None if reason in (None, "hidden") else reveal.pending_words(quantity, reason)

    def _order(self) -> list[str]:
        """The layers in topological order (the step-through's, else made once per document version)."""
        step = self.stepping
        if step is not None:
            return list(step.trace.layers)
        self._know_order()
        return list(self._layer_order)

    def computable_order(self) -> list[str] | None:
        """The layers in topological order when the network can compute (``problems()`` is empty),
        else None; made once per document version (the canvas asks for it while it paints)."""
        self._know_order()
        return list(self._layer_order) if self._computable else None

    def _know_order(self) -> None:
        key = (id(self.document.network), self.document.version)  # the version counts every change
        if self._order_made_for != key:
            net = self.network()
            self._computable = not net.problems()
            self._layer_order = net.order() if self._computable else [layer.name for layer in net.layers]
            self._order_made_for = key

    # ------------------------------------------------------------ readers
    def network(self) -> core.Network:
        return self.document.network

    def dataset_size(self) -> int:
        data = self.network().dataset
        return 0 if data is None else len(data)

    def parameters(self) -> np.ndarray:
        """The weights the canvas shows: a step's, the live session's, or the document's."""
        if self.stepping is not None:
            return self.update_shown() if self.stepping.phase == "update" else self.stepping.trace.before
        return self.live_parameters if self.live_parameters is not None else self.network().flat

    def traced_rows(self) -> np.ndarray | None:
        """Dataset rows traced now, or None when nothing can be traced (no dataset, no batch known yet)."""
        if self.stepping is not None:
            return np.asarray(self.stepping.trace.rows)
        n = self.dataset_size()
        if n == 0:
            return None
        if self.sample is not None:
            return np.array([self.sample]) if self.sample < n else None
        if self.batch_rows is None or len(self.batch_rows) == 0 or self.batch_rows.max() >= n:
            return None
        return self.batch_rows[:MAX_TRACED_ROWS]

    def traced_data(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(X, T) of the traced rows, or None."""
        if self.stepping is not None:
            return self.stepping.trace.inputs, self.stepping.trace.targets
        rows = self.traced_rows()
        if rows is None:
            return None
        data = self.network().dataset
        return data.inputs[rows], data.targets[rows]

    def traced_description(self, with_rows: bool = True) -> str:
        """What the numbers refer to, in words: 'sample 3 (x = [0, 1], t = [1])' or 'the next
        mini-batch (the mean over its 4 samples, rows 1, 2, 0, 3)' (``with_rows`` False: no row list);
        in a one-sample lesson "the lesson's one sample (x = [1], t = [0.6])" (``core.lesson_words``), without
        its values when ``with_rows`` is False (the legend's and the captions' short line)."""
        one = one_sample_words(self.network())
        if one is not None:
            return f"{one} {sample_values(self.network(), 0, self.digits)}" if with_rows else one
        if self.stepping is not None and self.stepping.trace.kind == "sample":
            return self._sample_words(self.stepping.trace.rows[0])
        if self.stepping is None and self.sample is not None:
            return self._sample_words(self.sample)
        rows = self.traced_rows()
        if rows is None:
            return ("no sample yet: choose a dataset in the Dataset panel" if self.network().dataset is None
                    else "nothing traced yet (training has not told the next mini-batch)")
        if len(rows) == 1:
            return f"the next mini-batch: {self._sample_words(int(rows[0]))}"
        if not with_rows:
            return f"the next mini-batch (the mean over its {len(rows)} samples)"
        return f"the next mini-batch (the mean over its {len(rows)} samples, rows {_rows_text(rows)})"

    def weights_description(self) -> str:
        """Which weights the traced numbers use, in words (``desktop.weights_words``)."""
        return weights_words(self)[0]

    def weights_words(self) -> tuple[str, str]:
        """(which weights the traced numbers use, the same in a caption's few words): ``desktop.weights_words``."""
        return weights_words(self)

    def set_run_end(self, snap) -> None:
        """A finished run's snapshot: the weights it left are named by its step (``RunEnd``)."""
        self.run_end = RunEnd.of(snap)

    def _sample_words(self, row: int) -> str:
        return f"sample {row} {sample_values(self.network(), row, self.digits)}"

    def active_layer(self) -> str | None:
        """The layer the step-through is at: just computed (forward) or just given its δ (backward)."""
        step = self.stepping
        if step is None or step.phase not in ("forward", "backward"):
            return None
        order = self.network().order()
        return order[step.layer] if 0 <= step.layer < len(order) else None

    def active_connections(self) -> set[tuple[str, str]]:
        """The connections into the active layer: forward, their weights make its z = Σ w·a + b;
        backward, their dL/dw = a_source · δ_active are now known."""
        layer = self.active_layer()
        return {(s, t) for s, t in self.network().connections if t == layer} if layer is not None else set()

    def edge_noun(self) -> str:
        if self.stepping is not None:
            return "dL/dw" if self.stepping.phase == "backward" else "weight"
        return "gradient" if self.edge_mode == "gradient" else "weight"

    def format(self, value: float | None) -> str:
        """A number as the canvas writes it; None or NaN (not revealed) as "?"."""
        if value is None or np.isnan(value):
            return reveal.NOT_YET
        return written(value, self.digits)  # (``format_computed``, kept) rounding noise (|value| ≤ 1e−12) reads "≈0"

    # ------------------------------------------------------------ internals
    def _drop_caches(self) -> None:
        self._layers = NOT_COMPUTED
        self._numbers = NOT_COMPUTED
        self._gradient = None
        self._shown_copy = None
        self._maps_fit = None

    def _document_changed(self, sizes: bool = True) -> None:
        """Any edit ends a step-through and drops the live weights; the numbers are computed again."""
        with self.batch():
            self._set("stepping", None)
            self._set("live_parameters", None)
            if self.sample is not None and self.sample >= self.dataset_size():
                self._set("sample", None)
            self._drop_caches()
            self._announce(None, sizes=sizes)

    def _edited(self) -> None:
        """Layers, connections, settings or the dataset changed: what the student has not set follows the
        teaching defaults (``desktop.view_defaults``), as for an opened network: a network built in the
        window traces sample 0 once it has data, with z, b and the thumbnails while it is small."""
        with self.batch():
            self._document_changed()
            self._follow_defaults(self.document.network)

    def _follow_defaults(self, net: core.Network) -> None:
        for field, value in teaching_defaults(net).items():
            if field not in self._chosen:
                self._set(field, value, numbers=field == "sample")

    def _file_state_changed(self) -> None:
        """Saved (or changed since the save): the same numbers, but the captions that name their weights ("the weights
        as saved") say it at once (code review 20 #8); a network just opened is announced by ``_network_replaced``."""
        if self._as_saved != as_saved(self):
            self._as_saved = not self._as_saved
            if getattr(self, "_replaced", None) is self.document.network:  # (the scene still draws the old one)
                self._announce(None, sizes=False)

    def _parameters_changed(self) -> None:
        """New weights (a Step, a typed weight, an undo of one): new numbers, the cards' sizes stay."""
        self._document_changed(sizes=False)

    def _network_replaced(self) -> None:
        net = self._replaced = self.document.network
        with self.batch():
            # first: whatever the deselection below makes the views read is about the new network,
            # never the old one's step-through trace
            self._set("stepping", None)
            self._chosen.clear()  # a new network starts with the teaching defaults (``view_defaults``)
            self._follow_defaults(net)
            self._set("batch_rows", None)
            self.weight_history = None
            self.run_end = None
            self._neuron_maps = None
            self.select(None)
            self._document_changed()
