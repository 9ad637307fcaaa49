"""core.trace: every number of one training step, equal bit for bit to what Trainer.step does."""

import copy
import json
import pickle
import re
from html.parser import HTMLParser

import numpy as np
import pytest

import core
from core.trace import StepTrace, trace_step, trace_trainer_step

LESSONS = ["perceptron", "one_sigmoid_neuron", "one_hidden_sigmoid", "relu_2_2_1", "relu_tutorial", "xor",
           "circles", "spiral", "three_classes_softmax", "sine_regression", "skip_connection", "exam_csv"]


def _lesson(name):
    return core.load_network(core.example_path(name))


def _stepped(net):
    copy_ = net.copy()
    loss = core.Trainer(copy_).step()
    return loss, copy_.flat


@pytest.mark.parametrize("name", LESSONS)
def test_updated_is_what_the_first_step_leaves(name):
    net = _lesson(name)
    original = net.flat.copy()
    trace = trace_step(net)
    loss, flat = _stepped(net)
    assert np.array_equal(trace.updated, flat)
    assert trace.loss == loss
    assert np.array_equal(net.flat, original)  # the network itself is not changed
    assert np.array_equal(trace.before, original)
    assert np.array_equal(trace.update, trace.before - trace.updated)
    assert trace.kind == "batch" and trace.optimizer == net.training.optimizer.name


def _with(net, optimizer="sgd", momentum=0.0, nesterov=False, regularization="none", rate=0.0):
    net.training.optimizer.name = optimizer
    net.training.optimizer.momentum = momentum
    net.training.optimizer.nesterov = nesterov
    net.training.regularization = regularization
    net.training.regularization_rate = rate
    return net


SETTINGS = [
    dict(optimizer="sgd", momentum=0.9),
    dict(optimizer="sgd", momentum=0.9, nesterov=True),
    dict(optimizer="adam"),
    dict(optimizer="sgd", regularization="l2", rate=0.01),
    dict(optimizer="adam", regularization="l1", rate=0.003),
    dict(optimizer="sgd", momentum=0.5, nesterov=True, regularization="l2", rate=0.1),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
@pytest.mark.parametrize("name", ["xor", "circles", "skip_connection", "three_classes_softmax"])
def test_updated_matches_every_optimizer_and_regularization(name, settings):
    net = _with(_lesson(name), **settings)
    trace = trace_step(net)
    loss, flat = _stepped(net)
    assert np.array_equal(trace.updated, flat)
    assert trace.loss == loss
    if settings.get("regularization", "none") != "none":
        assert trace.penalty > 0 and trace.loss == trace.data_loss + trace.penalty
    else:
        assert trace.penalty == 0.0


def _trainer_state(trainer):
    return (trainer.net.flat.copy(), trainer._cursor, trainer._order.copy(), trainer.step_count, trainer.epoch,
            copy.deepcopy(trainer.rng.bit_generator.state), copy.deepcopy(trainer.optimizer.state()),
            trainer.history.step_loss.data.copy(), trainer.history.trajectories.data.copy(), trainer.history.steps,
            trainer.history.latest_gradient.copy(), trainer.last_loss, trainer._epoch_loss_sum)


def _same(a, b):
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("settings", [dict(optimizer="sgd", momentum=0.9), dict(optimizer="sgd", momentum=0.9, nesterov=True),
                                      dict(optimizer="adam", regularization="l2", rate=0.01)],
                         ids=["momentum", "nesterov", "adam-l2"])
@pytest.mark.parametrize("name", ["circles", "spiral"])
def test_trainer_step_after_37_steps_changes_nothing_and_predicts_the_next(name, settings):
    trainer = core.Trainer(_with(_lesson(name), **settings))
    trainer.run(steps=37)
    state = _trainer_state(trainer)
    rows = trainer.next_batch_indices().copy()
    X, T = (a.copy() for a in trainer.next_batch())
    trace = trace_trainer_step(trainer)
    assert _same(_trainer_state(trainer), state)
    assert trace.step == 37 and trace.rows == rows.tolist()
    np.testing.assert_array_equal(trace.inputs, X)
    np.testing.assert_array_equal(trace.targets, T)
    np.testing.assert_array_equal(trace.inputs, trainer.dataset.inputs[rows])
    loss = trainer.step()
    assert np.array_equal(trainer.net.flat, trace.updated)
    assert loss == trace.loss
    assert np.array_equal(trainer.history.latest_gradient, trace.gradient)
    again = trace_trainer_step(trainer)  # and the one after that, too
    trainer.step()
    assert np.array_equal(trainer.net.flat, again.updated)


def test_rows_are_dataset_rows_before_the_validation_split():
    net = _lesson("circles")
    assert net.training.validation_fraction > 0
    trainer = core.Trainer(net)
    for _ in range(12):
        trace = trace_trainer_step(trainer)
        assert set(trace.rows) <= set(trainer.train_indices.tolist())
        np.testing.assert_array_equal(trace.inputs, net.dataset.inputs[trace.rows])
        np.testing.assert_array_equal(trace.targets, net.dataset.targets[trace.rows])
        trainer.step()


@pytest.mark.parametrize("name", LESSONS)
def test_per_layer_deltas_reproduce_the_gradients(name):
    """The plain forward/backward (δ_t.T @ a_s) and the training path agree."""
    net = _with(_lesson(name), regularization="l2", rate=0.01)
    trace = trace_step(net)
    regular = trace.network.regularization()[1]
    for s, t in trace.network.connections:
        expected = trace.layers[t].delta.T @ trace.layers[s].a
        mask = trace.network.masks.get((s, t))
        if mask is not None:
            expected = expected * mask
        penalty = core.Gradients(trace.network, np.concatenate([regular, np.zeros(trace.before.size - regular.size)]))
        np.testing.assert_allclose(trace.weights(s, t, "gradient") - penalty.weights[s, t], expected, rtol=0, atol=1e-12)
    for name_ in list(trace.layers)[1:]:
        b = trace.bias(name_, "gradient")
        if b is not None:
            np.testing.assert_allclose(b, trace.layers[name_].delta.sum(axis=0), rtol=0, atol=1e-12)


def test_layers_in_topological_order_with_the_documented_shapes():
    net = _lesson("skip_connection")
    trace = trace_step(net)
    assert list(trace.layers) == net.order()
    B = trace.batch_size
    first = trace.layers[net.input_layer]
    assert first.z is None and first.delta is None and first.dL_da is None
    np.testing.assert_array_equal(first.a, trace.inputs)
    for name in net.order()[1:]:
        layer, units = trace.layers[name], net.layer(name).units
        assert layer.z.shape == layer.a.shape == layer.delta.shape == (B, units)
        if name != net.output_layer:
            assert layer.dL_da.shape == (B, units)
    np.testing.assert_array_equal(trace.layers[net.output_layer].a, net.forward(trace.inputs))


@pytest.mark.parametrize("name", ["three_classes_softmax", "xor"])
def test_fused_output_has_no_dL_da(name):
    net = _lesson(name)
    out = net.layer(net.output_layer)
    trace = trace_step(net)
    fused = (out.activation, net.training.loss) in {("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy")}
    assert (trace.layers[out.name].dL_da is None) == fused
    y, t = trace.layers[out.name].a, trace.targets
    if fused and out.activation == "sigmoid":
        np.testing.assert_allclose(trace.layers[out.name].delta, (y - t) / y.size)


def _numeric_gradient(net, X, T, h=1e-5):
    theta = net.flat
    numeric = np.zeros_like(theta)
    mask = net.mask_vector()

    def loss():
        return net.data_loss(X, T) + net.regularization()[0]

    for k in range(theta.size):
        if mask is not None and mask[k] == 0:
            continue
        old = theta[k]
        theta[k] = old + h
        plus = loss()
        theta[k] = old - h
        minus = loss()
        theta[k] = old
        numeric[k] = (plus - minus) / (2 * h)
    return numeric


def _assert_close_to_numeric(trace):
    net = trace.network.copy()
    numeric = _numeric_gradient(net, trace.inputs, trace.targets)
    analytic = trace.gradient
    error = np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)
    assert error.max() <= 1e-6, (error.max(), net.parameter_names()[int(error.argmax())])


@pytest.mark.parametrize("name", ["one_hidden_sigmoid", "xor", "circles", "three_classes_softmax", "sine_regression"])
def test_batch_gradient_equals_finite_differences(name):
    _assert_close_to_numeric(trace_step(_with(_lesson(name), regularization="l2", rate=0.01)))


@pytest.mark.parametrize("name,sample", [("xor", 3), ("circles", 57), ("three_classes_softmax", 0), ("spiral", 199)])
def test_sample_gradient_equals_finite_differences(name, sample):
    trace = trace_step(_lesson(name), sample=sample)
    assert trace.kind == "sample" and trace.rows == [sample] and trace.batch_size == 1
    _assert_close_to_numeric(trace)


def test_sample_is_a_batch_of_one_from_the_initial_optimizer_state():
    net = _with(_lesson("circles"), optimizer="adam")
    k = 123  # circles holds out 20 %: the sample may be a validation row, it is traced all the same
    trace = trace_step(net, sample=k)
    np.testing.assert_array_equal(trace.inputs, net.dataset.inputs[[k]])
    loss, grads = net.loss_and_gradients(net.dataset.inputs[[k]], net.dataset.targets[[k]])
    assert trace.loss == pytest.approx(loss, rel=1e-14)
    np.testing.assert_allclose(trace.gradient, grads.flat, rtol=1e-13, atol=1e-15)
    adam = core.Adam(net.flat.size, net.training.optimizer.learning_rate)
    np.testing.assert_array_equal(trace.updated, net.flat - adam.step_vector(trace.gradient))


@pytest.mark.parametrize("sample,fragment", [(1, "valid samples are 0 to 0"), (-1, "valid samples are 0 to 0"),
                                             (2.0, "whole number"), (True, "whole number")])
def test_sample_out_of_range(sample, fragment):
    with pytest.raises(ValueError, match=fragment):
        trace_step(_lesson("perceptron"), sample=sample)


def test_no_dataset():
    net = _lesson("perceptron")
    net.dataset = None
    with pytest.raises(ValueError, match="no dataset"):
        trace_step(net, sample=0)
    with pytest.raises(ValueError, match="no dataset"):
        trace_step(net)


def test_a_diverging_step_is_refused_and_the_trainer_kept():
    net = _with(_lesson("sine_regression"))
    net.training.optimizer.learning_rate = 1e300
    trainer = core.Trainer(net)
    trainer.net.flat[:] *= 1e10
    before = trainer.net.flat.copy()
    with pytest.raises(core.DivergenceError, match="would diverge"):
        trace_trainer_step(trainer)
    assert np.array_equal(trainer.net.flat, before) and trainer.stop_reason is None


def test_per_parameter_helpers_read_the_network_layout():
    net = _lesson("skip_connection")
    trace = trace_step(net)
    for s, t in net.connections:
        np.testing.assert_array_equal(trace.weights(s, t), net.weights[s, t])
        stepped = net.copy()
        stepped.set_parameters(trace.updated)
        np.testing.assert_array_equal(trace.weights(s, t, "updated"), stepped.weights[s, t])
        np.testing.assert_array_equal(trace.weights(s, t, "update"), net.weights[s, t] - stepped.weights[s, t])
    for name in net.order()[1:]:
        if name in net.biases:
            np.testing.assert_array_equal(trace.bias(name), net.biases[name])
        else:
            assert trace.bias(name) is None
    with pytest.raises(ValueError, match="unknown vector"):
        trace.weights(*net.connections[0], of="velocity")


# ------------------------------------------------------------------ JSON
def _check_json_structure(doc, net):
    for key in ("inputs", "targets", "layers", "loss", "gradients", "updated"):
        assert key in doc
    assert isinstance(doc["loss"], float)
    assert list(doc["layers"]) == net.order()
    for name, layer in doc["layers"].items():
        assert set(layer) >= {"z", "a", "delta"}
        if name == net.input_layer:
            assert layer["z"] is None and layer["delta"] is None
        else:
            units = net.layer(name).units
            assert all(len(row) == units for row in layer["z"] + layer["a"] + layer["delta"])
    for part in ("gradients", "updated"):
        assert set(doc[part]) == {"weights", "biases"}
        assert set(doc[part]["weights"]) == {f"{s}->{t}" for s, t in net.connections}
        for (s, t) in net.connections:
            assert np.shape(doc[part]["weights"][f"{s}->{t}"]) == net.weights[s, t].shape  # W[j][i]
        for name in net.order()[1:]:
            b = doc[part]["biases"][name]
            assert (b is None) == (name not in net.biases)
    assert ("penalty" in doc) == (net.training.regularization != "none")


@pytest.mark.parametrize("name", ["relu_2_2_1", "one_hidden_sigmoid", "skip_connection"])
def test_json_round_trips_exactly(name):
    net = _with(_lesson(name), regularization="l1", rate=0.01) if name == "skip_connection" else _lesson(name)
    trace = trace_step(net)
    doc = json.loads(trace.to_json())
    _check_json_structure(doc, net)
    assert doc["loss"] == trace.loss
    stepped = net.copy()
    stepped.set_parameters(trace.updated)
    for s, t in net.connections:
        assert np.array_equal(np.array(doc["updated"]["weights"][f"{s}->{t}"]), stepped.weights[s, t])
        assert np.array_equal(np.array(doc["gradients"]["weights"][f"{s}->{t}"]), trace.weights(s, t, "gradient"))
    for layer in net.order()[1:]:
        if layer in net.biases:
            assert np.array_equal(np.array(doc["updated"]["biases"][layer]), stepped.biases[layer])


def test_json_refuses_nan():
    trace = trace_step(_lesson("perceptron"))
    trace.loss = float("nan")
    with pytest.raises(ValueError):
        trace.to_json()


# ------------------------------------------------------------- text and HTML
class _StrictParser(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "link", "col", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.cells = [], [], []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> with {self.stack}")
        else:
            self.stack.pop()
        if tag == "td":
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _parse(html_text):
    parser = _StrictParser()
    parser.feed(html_text)
    parser.close()
    assert parser.problems == [] and parser.stack == []
    return parser


NEGATIVE_ZERO = re.compile(r"(?<![\w.])-0(?:\.0*)?(?:e[+-]?\d+)?(?![\d.])")


def _significant_digits(token):
    mantissa = token.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    return len(mantissa) if mantissa else len(token.lstrip("-").split("e")[0].replace(".", ""))


@pytest.mark.parametrize("name", ["relu_2_2_1", "one_hidden_sigmoid", "xor", "three_classes_softmax"])
def test_html_worksheet(name):
    net = _lesson(name)
    trace = trace_step(net)
    page = trace.to_html()
    parser = _parse(page)
    assert "<script" not in page.lower() and "@page { size: A4; margin: 15mm }" in page
    tokens = set(re.findall(r"-?\d+\.\d*(?:e[+-]\d+)?", " ".join(parser.cells)))
    stepped = net.copy()
    stepped.set_parameters(trace.updated)
    for s, t in net.connections:
        for w in np.concatenate([net.weights[s, t].ravel(), stepped.weights[s, t].ravel()]):
            shown = [tok for tok in tokens if float(tok) == pytest.approx(w, rel=5e-6, abs=1e-300)]
            assert shown, f"{w!r} not in the worksheet"
            assert max(_significant_digits(tok) for tok in shown) >= 4
    assert not NEGATIVE_ZERO.search(page)
    for section in ("Forward pass", "Loss", "Backward pass", "Gradients", "Update"):
        assert section in page


def test_html_marks_removed_edges_and_never_prints_negative_zero():
    net = _lesson("xor")
    net.set_edge_enabled("x", "h", 0, 1, False)
    net.set_weight("x", "h", 1, 0, -0.0)
    net.training.regularization, net.training.regularization_rate = "l2", 0.0  # a -0.0 penalty is possible
    trace = trace_step(net)
    page = trace.to_html()
    parser = _parse(page)
    assert sum("removed" in c for c in parser.cells) == 2  # in the gradient table and in the update table
    assert not NEGATIVE_ZERO.search(page)
    assert not NEGATIVE_ZERO.search(trace.to_text())


def test_html_escapes_names():
    net = _lesson("perceptron")
    net.name = "<b>mine</b> & yours"
    net.rename_layer(net.input_layer, "<x>")
    page = trace_step(net).to_html()
    _parse(page)
    assert "<b>" not in page and "&lt;b&gt;mine&lt;/b&gt; &amp; yours" in page and "&lt;x&gt;" in page


def test_text_shows_each_part_of_the_step():
    net = _lesson("relu_2_2_1")
    text = trace_step(net).to_text()
    for part in ("Forward pass", "Loss", "Backward pass", "Gradients", "Update",
                 "1.11",  # the output
                 "2 × -0.234",  # a_i × δ_j of x[0] → h[0]
                 "0.5", "0.50936"):  # old → new of W[h←x][0, 0]: 0.5 − 0.02·(−0.468)
        assert part in text, part
    assert isinstance(trace_step(net), StepTrace)


def test_text_for_a_large_batch_shortens_the_sums():
    text = trace_step(_lesson("circles")).to_text()
    assert "… (16 terms)" in text and "samples 1–4 of 16" in text


def test_a_trace_does_not_carry_the_dataset_along():
    """The training process sends a step-through's trace to the window: a dataset of 784-pixel
    images must not travel with it (the traced rows are its inputs and targets)."""
    rng = np.random.default_rng(0)
    net = core.Network("wide")
    net.add_layer("x", 784)
    net.add_layer("h", 4, activation="tanh")
    net.add_layer("y", 2, activation="softmax")
    net.connect("x", "h")
    net.connect("h", "y")
    labels = rng.integers(0, 2, 300)
    net.dataset = core.Dataset(rng.normal(size=(300, 784)), np.eye(2)[labels])
    net.training.loss = "cross_entropy"
    net.training.batch_size = 8
    trace = trace_step(net)
    assert trace.network.dataset is None and net.dataset is not None  # the network traced keeps its own
    assert len(pickle.dumps(trace, protocol=5)) < net.dataset.inputs.nbytes / 4
    assert trace.inputs.shape == (8, 784)
    assert np.array_equal(trace.inputs, net.dataset.inputs[trace.rows])
