"""The numbers of the traced input as the view state hands them out: each layer's a, z and δ,
each neuron's numbers, the loss, dL/dθ, what each edge shows, and a step's bias and weight changes.

A mixin of ``ViewState`` (``desktop.view_state``): it reads the view state's ``network()``,
``parameters()`` (the weights shown), ``traced_data()``, ``_order()``, ``stepping``,
``edge_mode`` and the one spoiler rule ``revealed``. Everything is computed at the weights shown (``core.layer_traces``;
during a step-through, the step's own ``core.StepTrace``) and cached until the view state drops
its caches (``_layers``, ``_numbers``, ``_gradient``: anything they depend on changed). A number
not revealed yet is None (a neuron's), NaN (a gradient's) or "?" as written.
"""

from __future__ import annotations

import numpy as np

import core
import core.features
import core.target_fit

from desktop import reveal
from desktop.view_values import NeuronNumbers, loss_terms

#: digits written as subscripts: a neuron's index in its caption (``neuron_caption``)
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(j: int) -> str:
    """``j`` in subscript digits: 0 → "₀", 12 → "₁₂"."""
    return str(j).translate(SUBSCRIPT_DIGITS)


#: a neuron's value while the dataset does not fit the network: none can be computed (its box would else show
#: the neuron's index, which students read as a value)
NO_VALUE = "–"

def unfit_reason(network) -> str:
    """Why ``network``'s dataset does not fit it, without the advice: "the input layer 'x' has 1 unit but the
    dataset has 2 input columns", "the binary_cross_entropy loss needs targets between 0 and 1: scores.csv,
    line 7, column 'y' holds 100.5" ("; " between several); "" when it fits."""
    return "; ".join(problem.split(": give ")[0].split(core.target_fit.ADVICE_OPENING)[0]
                     for problem in network.dataset_problems())


#: the status bar's right part and the Loss panel's line before the network has any data (Play, Step and F8 refuse
#: then: "Cannot train: the network has no dataset…"; they said "Ready to train." and "Press Play to train.": review 24 #5)
NO_DATA = "No data yet: choose a dataset in the Dataset panel"


def nothing_traced_reason(network) -> str:
    """Why no input can be traced through ``network`` (the words after "nothing traced:"): it cannot compute
    (its first problem: "h1 is not connected …"), it has no dataset, or its dataset does not fit it."""
    problems = network.problems()
    if problems:
        return f"the network cannot compute: {problems[0]}"
    if network.dataset is None:
        return "the network has no dataset: choose one in the Dataset panel"
    return f"the dataset does not fit the network ({unfit_reason(network)})"


#: ``ViewState._layers`` and ``_numbers`` before they are computed (``_layers`` None: nothing can be traced)
NOT_COMPUTED = object()


class TracedNumbers:
    def layer_values(self) -> dict | None:
        """{layer: core.LayerTrace} for the traced rows at the shown weights, or None."""
        if self.stepping is not None:
            return self.stepping.trace.layers
        if self._layers is NOT_COMPUTED:  # dropped whenever anything it depends on changes
            self._layers = self._traced_layers()
        return self._layers

    def _traced_layers(self) -> dict | None:
        net = self.network()
        data = self.traced_data()
        if data is None or net.problems() or net.dataset_problems():
            return None
        with np.errstate(all="ignore"):
            return core.layer_traces(self._shown_network(), *data)

    def traced_words(self) -> str:
        """The legend's line saying what the canvas's numbers are of: "for sample 0", "for the next mini-batch (the
        mean over its 8 samples)"; while the dataset does not fit the network, that no sample can be shown and why
        (it named "sample 0 (x = [0, 0], t = [0])", a row of data the network cannot take, beside values "–"). The
        legend's row is one line: the Dataset panel and the status bar give the columns and the units."""
        if self.stepping is None and self.data_unfit():
            return "no sample can be shown: the data does not fit the network"
        return "for " + self.traced_description(with_rows=False)

    def data_unfit(self) -> bool:
        """Whether the network, sound itself, has a dataset it cannot take (``dataset_problems``)."""
        net = self.network()
        return net.dataset is not None and self.computable_order() is not None and bool(net.dataset_problems())

    def _shown_network(self) -> core.Network:
        """The network with the weights the canvas shows: the document's own when it shows the document's
        weights (its compiled plan is kept between steps), else a copy with the shown ones (kept with
        the other caches: the traces, the gradient and the loss read the same one; nobody else changes
        it). The copy is made once per document version and given each frame's live weights of a run
        (``set_parameters``), its compiled plan kept: copying anew cost 0.4-0.9 ms a frame."""
        if self._shown_copy is None:
            net, shown = self.network(), self.parameters()
            if shown is not net.flat:
                version = self.document.version
                if self._scratch is None or self._scratch[0] is not net or self._scratch[1] != version:
                    self._scratch = (net, version, net.copy())
                net = self._scratch[2]
                net.set_parameters(shown)
            self._shown_copy = net
        return self._shown_copy

    def traced_gradient(self) -> np.ndarray | None:
        """dL/dθ (flat, regularization included) of the batch loss of the traced rows at the shown
        weights: the gradient the chain-rule panel explains, or None when nothing is traced.
        During a step-through it is the step's own gradient. Entries not ``revealed`` yet (a
        connection Backward has not reached, a hidden one) are NaN: no panel can show them."""
        if self.stepping is not None:
            return self._gated_gradient(self.stepping.trace.gradient)
        if self.layer_values() is None:
            return None
        if self._gradient is None:
            with np.errstate(all="ignore"):
                gradient = self._shown_network().loss_and_gradients(*self.traced_data())[1].flat.copy()
            self._gradient = self._gated_gradient(gradient)
        return self._gradient

    def _gated_gradient(self, gradient: np.ndarray) -> np.ndarray:
        """``gradient`` with NaN where dL/dw (by the connection's target layer) or dL/db is not revealed
        (but for each number a lesson's student has answered: ``revealed`` with its index)."""
        return self._gated(gradient, "dL/dw", "dL/db")

    def _gated(self, values: np.ndarray, weight_quantity: str, bias_quantity: str) -> np.ndarray:
        """``values`` (flat, like the parameters) with NaN in each block whose quantity (``weight_quantity``
        by the connection's target layer, ``bias_quantity`` by the layer) is not revealed, but for each
        number a lesson's student has answered (``revealed`` with its index); ``values`` itself when all show."""
        layout = self.network().parameter_layout()
        gated = None
        for block in layout.blocks:
            quantity, layer = (weight_quantity, block.edge[1]) if block.kind == "weight" else (bias_quantity, block.key)
            if not self.revealed(quantity, layer):
                gated = values.copy() if gated is None else gated
                kept = [(k, values[block.start + k]) for k in range(block.size)
                        if self.revealed(quantity, layer, self._block_index(block, k))] \
                    if reveal.known_numbers(quantity, layer, self.hidden) else []
                gated[block.start:block.start + block.size] = np.nan
                for k, value in kept:
                    gated[block.start + k] = value
        return values if gated is None else gated

    @staticmethod
    def _block_index(block, k: int):
        """The index (``ViewState.revealed``) of entry k of a parameter block: (source, j, i) of a weight,
        the unit of a bias."""
        if block.kind != "weight":
            return k
        j, i = np.unravel_index(k, block.shape)
        return block.edge[0], int(j), int(i)

    def neuron(self, layer: str, j: int) -> NeuronNumbers | None:
        """The numbers of neuron j of ``layer`` (means over the traced rows), or None (also for a
        neuron the layer does not have)."""
        if self._numbers is NOT_COMPUTED:  # a canvas frame asks for every neuron, often twice
            self._numbers = {}
        if layer not in self._numbers:
            self._numbers[layer] = self._layer_numbers(layer)
        numbers = self._numbers[layer]
        return numbers[j] if numbers is not None and 0 <= j < len(numbers) else None

    def loss(self) -> float | None:
        """The traced rows' loss (regularization included) at the weights before the step, once revealed."""
        if not self.revealed("loss"):
            return None
        if self.stepping is not None:
            return float(self.stepping.trace.loss)
        data = self.traced_data()
        if self.layer_values() is None:
            return None
        with np.errstate(all="ignore"):
            return float(self._shown_network().loss_and_gradients(*data)[0])

    def _layer_numbers(self, layer: str) -> list[NeuronNumbers] | None:
        values = self.layer_values()
        if values is None or layer not in values:
            return None
        lt = values[layer]
        units = lt.a.shape[1]
        mean = lambda v: [None] * units if v is None else [float(x) for x in np.mean(v, axis=0)]  # noqa: E731
        net = self.network()
        biases = [None] * units
        if layer in net.biases:
            biases = [float(b) for b in net.parameter_layout().bias(layer).take(self.parameters())]
        targets = terms = [None] * units
        data = self.traced_data()
        if layer == net.output_layer and len(data[1]) == 1:  # a mean of 0/1 targets is no target
            targets = [float(t) for t in data[1][0]]
        if layer == net.output_layer and self.revealed("loss", layer):
            partner = core.get_loss(net.training.loss).partner == net.layer(layer).activation
            terms = list(np.mean(loss_terms(net.training.loss, lt.z, lt.a, data[1], partner), axis=0))
        is_input = layer == self._order()[0]
        a = mean(lt.a) if is_input or self.revealed("a", layer) else self._answered("a", layer, mean(lt.a))
        # z shows once revealed, though its a is asked: a is computed from z, never z from it (softmax's y₁
        # from the scores z the student answered)
        z = mean(lt.z) if self.revealed("z", layer) else self._answered("z", layer, mean(lt.z))
        delta = mean(lt.delta) if self.revealed("delta", layer) else self._answered("delta", layer, mean(lt.delta))
        return [NeuronNumbers(*numbers) for numbers in zip(a, z, biases, delta, targets, terms)]

    def _answered(self, quantity: str, layer: str, values: list) -> list:
        """``values`` (one per neuron of ``layer``) where ``quantity`` of the neuron is revealed on its
        own (a lesson's student has answered it while the layer's stays hidden), else None."""
        if not reveal.known_numbers(quantity, layer, self.hidden):
            return [None] * len(values)
        return [v if self.revealed(quantity, layer, j) else None for j, v in enumerate(values)]

    def bias_change(self, layer: str, j: int) -> tuple[float, float, float] | None:
        """(old, new, dL/db) of bias j of ``layer`` in the update phase of a step-through, else None."""
        step = self.stepping
        if step is None or not self.revealed("updated", layer, j) or layer not in self.network().biases:
            return None
        t = step.trace
        return float(t.bias(layer, "before")[j]), float(t.bias(layer, "updated")[j]), float(t.bias(layer, "gradient")[j])

    def update_shown(self) -> np.ndarray:
        """The Update phase's parameters (flat): the step's new weights and biases, NaN (written "?") for
        a layer whose new values are held back (``revealed("updated", layer)``: a lesson asks one of them,
        or a number they give away: the new bias is old − lr·δ), but for one the student has answered.
        Made once per trace and hidden set."""
        trace, hidden = self.stepping.trace, self.hidden
        if self._update_held[0] is trace and self._update_held[1] == hidden:
            return self._update_held[2]
        shown = self._gated(trace.updated, "updated", "updated")
        self._update_held = (trace, hidden, shown)
        return shown

    def shown_number(self, layer: str, j: int) -> tuple[float | None, str]:
        """(value, symbol) the neuron shows: "x" (an input), "a" (its output), "δ" (dL/dz, in the
        backward phase), or (None, "?") for a layer the forward phase has not reached; (None, "") when
        nothing is traced; (None, NO_VALUE) while the dataset does not fit the network. A δ a guided lesson's student has answered is written under the neuron, in
        Backward too (``answered_delta_on``, ``canvas_numbers.delta_lines``), its a staying in the circle:
        guided_chain_rule's δ_h0, typed right in Backward, took a_h0's place, and a_h0 was nowhere."""
        numbers = self.neuron(layer, j)
        if numbers is None:  # a dataset that does not fit: no value at all, not the neuron's index in its place
            return None, NO_VALUE if self.data_unfit() else ""
        if self._order().index(layer) == 0:
            return numbers.a, "x"
        step = self.stepping
        if step is not None and step.phase == "backward" and numbers.delta is not None \
                and not self.answered_delta_on(layer, j):
            return numbers.delta, "δ"
        if numbers.a is None:
            return None, reveal.NOT_YET
        return numbers.a, "a"

    def delta_on_neurons(self, layer: str) -> bool:
        """Whether ``layer``'s neurons write the δ a guided lesson's student has
        answered (``answered_delta``) about the weights shown (``answers_current``). Once the lesson has had
        them train, or while a weight typed on the canvas differs from the saved one, the canvas shows another
        network, whose δ nobody asked: its neurons write none (guided_sigmoid_neuron's step 13 after Step wrote
        δ₀ 0.03849, the trained network's; guided_chain_rule's h0 wrote δ −0.06769 for w[h→y][0,0] typed as 0.9
        beside the −0.04549 answered)."""
        return self.answers_current and self.answered_delta(layer)

    def delta_on_neuron(self, layer: str, j: int) -> bool:
        """Whether neuron j of ``layer`` writes an answered δ: ``delta_on_neurons``
        and the student answered this neuron's own δ or dL/db (``answered_delta_at``); a neighbour nobody
        asked about writes none (guided_softmax's δ_y2 answered once wrote y0's δ too)."""
        return self.delta_on_neurons(layer) and self.answered_delta_at(layer, j)

    def keeps_delta_row(self, layer: str) -> bool:
        """Whether ``layer``'s neurons keep a row under them for the δ a guided lesson's student answers:
        its hidden set marks a δ or dL/db of one of them, asked now, asked later or answered
        (``reveal.MARKS`` at a ``known_place``). The row is there from the lesson's start, so a right
        answer fills it without moving the cards."""
        hidden = self.hidden
        if not hidden:
            return False
        marks = {mark + q for mark in reveal.MARKS for q in ("delta", "dL/db")}
        return any(q in marks and isinstance(where, tuple) and where[0] == layer for q, where in hidden)

    def answered_delta_at(self, layer: str, j: int) -> bool:
        """Whether a guided lesson's hidden set marks neuron j's own δ or dL/db ``reveal.KNOWN`` at its place
        (``reveal.known_place``), or, when it marks no single neuron of ``layer``, the layer's as a whole."""
        hidden = self.hidden
        marks = (reveal.KNOWN + "delta", reveal.KNOWN + "dL/db")
        place = reveal.known_place(layer, j)
        if any((mark, place) in hidden for mark in marks):
            return True
        by_neuron = any(q in marks and isinstance(where, tuple) and where[0] == layer for q, where in hidden)
        return not by_neuron and self.answered_delta(layer)

    def answered_delta(self, layer: str) -> bool:
        """Whether a guided lesson in progress holds an answer to ``layer``'s δ or dL/db (dL/db of one
        sample is δ), of the layer or of one of its neurons: its hidden set marks it ``reveal.KNOWN``.
        Outside a step-through the canvas then writes δ on the layer's neurons (a where δ is still
        held back), where the step-through's Backward phase writes it."""
        hidden = self.hidden
        if not hidden:
            return False
        marks = (reveal.KNOWN + "delta", reveal.KNOWN + "dL/db")
        return any(q in marks and (where == layer or (isinstance(where, tuple) and where[0] == layer))
                   for q, where in hidden)

    def neuron_caption(self, layer: str, j: int, symbol: str) -> str:
        """The small name above neuron j's number: ``symbol`` and j as a subscript ("a₂", "x₀", "δ₁₀":
        a small "δ0" read as "60"), or for an input layer that computes input features, the
        feature (x₀², sin x₁, …)."""
        net = self.network()
        features = net.layer(layer).features if layer in {l.name for l in net.layers} else None
        if features is not None and symbol == "x" and j < len(features):
            return core.features.FEATURES[features[j]].label
        return f"{symbol}{subscript(j)}"

    def edge_arrays(self) -> dict:
        """{(source, target): array shaped like the weights}: what each edge's number is now."""
        layout = self.network().parameter_layout()
        if self.stepping is not None and self.stepping.phase == "backward":
            source = self.traced_gradient()  # NaN where Backward has not reached: the edge shows "?"
        elif self.stepping is None and self.edge_mode == "gradient":
            gradient = self.traced_gradient()
            source = gradient if gradient is not None else np.zeros(layout.size)
        else:
            source = self.parameters()
            hidden = [b for b in layout.weight_blocks if not self.revealed("weight", b.edge[1])]
            if hidden:  # a lesson asks a weight after k steps: its connection's edges show "?"
                source = source.copy()
                for b in hidden:
                    source[b.start:b.start + b.size] = np.nan
        arrays = {b.edge: b.take(source) for b in layout.weight_blocks}
        for edge in self.formula_weights:
            if edge in arrays and self.edge_writes_weight(*edge):  # the open question's formula takes these weights: "w 0.5"
                arrays[edge] = layout.weight(*edge).take(self.parameters())
        return arrays

    def shown_weight(self, source: str, target: str, j: int, i: int) -> float:
        """W[j, i] of ``source`` → ``target`` at the weights the canvas shows (``parameters()``: a running
        session's newest, a step's): where an editor of this weight starts, never an older value."""
        return self._shown_parameter(self.network().parameter_layout().weight(source, target), (j, i))

    def shown_bias(self, layer: str, j: int) -> float:
        """b_j of ``layer`` at the weights the canvas shows (as ``shown_weight``)."""
        return self._shown_parameter(self.network().parameter_layout().bias(layer), (j,))

    def _shown_parameter(self, block, position: tuple[int, ...]) -> float:
        value = float(block.take(self.parameters())[position])
        if np.isfinite(value):
            return value
        held = self.network().weights[block.edge] if block.kind == "weight" else self.network().biases[block.key]
        return float(held[position])  # (a diverged run's inf: the document's own number)

    def edge_gradient(self, source: str, target: str, j: int, i: int) -> float | None:
        """dL/dw of W[j, i] of ``source`` → ``target`` for the traced rows (``traced_gradient``; NaN: held back)."""
        gradient = self.traced_gradient()
        if gradient is None:
            return None
        return float(self.network().parameter_layout().weight(source, target).take(gradient)[j, i])

    def edge_writes_weight(self, source: str, target: str) -> bool:
        """Whether the edges of ``source`` → ``target`` write their weight, labelled "w 0.5", where the others
        write dL/dw (the Backward phase, or "Canvas edges show dL/dw"): the open question's formula takes
        these weights (``formula_weights``, which a guided lesson sets for the whole step, answered or not),
        and a dL/dw beside δ would be read for one (guided_chain_rule step 8: dL/da_h0 = w[h→y][0,0] · δ_y0
        + w[h→y][1,0] · δ_y1, with −0.2789 on the edge)."""
        if (source, target) not in self.formula_weights:
            return False
        step = self.stepping
        return step.phase == "backward" if step is not None else self.edge_mode == "gradient"

    def weight_change(self, source: str, target: str, j: int, i: int) -> tuple[float, float, float] | None:
        """(old, new, dL/dw) of W[j, i] in the update phase of a step-through, else None."""
        step = self.stepping
        if step is None or not self.revealed("updated", target, (source, j, i)):
            return None
        t = step.trace
        return (float(t.weights(source, target, "before")[j, i]), float(t.weights(source, target, "updated")[j, i]),
                float(t.weights(source, target, "gradient")[j, i]))
