"""Export a network as an ONNX model (float32, opset 17), built with the optional ``onnx`` package.

The graph has one input ``x`` (batch, n_in) and one output ``y`` (batch, n_out), both
float32 with a symbolic batch dimension. With input features, n_in = 2 (the raw x₀, x₁) and
the input layer's columns are built first as ``core.features`` defines them: ``x`` is
``Split`` into its two (batch, 1) columns, squares and products are ``Mul``, sines ``Sin``,
and the columns are ``Concat``-enated (axis 1). Every layer, in topological order, becomes

    z = Σ_c MatMul(a_src(c), Wᵀ_c) [+ b]    (Sum when several connections come in)
    a = f(z)                                 (Identity, Sigmoid, Tanh, Relu, LeakyRelu α=0.01,
                                              Softmax over axis 1)

where each initializer ``Wᵀ_c`` is the connection's weight matrix with removed edges set
to 0, transposed to (units of source, units of target) and rounded to float32; its
``doc_string`` names the connection. float32 keeps about 7 significant digits, so the
model's output agrees with ``core``'s float64 forward to about 1e-6 relative to the
outputs' size (the tests require max|Δ| ≤ 1e-5 · max(max|y|, 0.01)).

``onnx`` is imported only when a model is built: without it ``onnx_model`` raises
``ExportError`` saying how to install it (``pip install onnx``).
"""

from __future__ import annotations

import importlib.util

import numpy as np

from ..network import Network
from .common import ExportError, inline, structure

OPSET = 17
#: the IR version that goes with opset 17 (ONNX 1.12); runtimes that read opset 17 read it
IR_VERSION = 8
INSTALL_HINT = 'ONNX export needs the onnx package: pip install onnx'

ONNX_ACTIVATION = {
    "identity": ("Identity", {}),
    "sigmoid": ("Sigmoid", {}),
    "tanh": ("Tanh", {}),
    "relu": ("Relu", {}),
    "leaky_relu": ("LeakyRelu", {"alpha": 0.01}),
    "softmax": ("Softmax", {"axis": 1}),
}


def onnx_available() -> bool:
    """True when the ``onnx`` package (the ``export`` extra) can be imported."""
    return importlib.util.find_spec("onnx") is not None


def onnx_model(net: Network) -> bytes:
    """The serialized ONNX model of ``net``'s forward pass (see the module docstring).

    ``ExportError`` when the network cannot run or ``onnx`` is not installed. The model
    passes ``onnx.checker.check_model`` before it is returned.
    """
    s = structure(net)
    _check_float32(s)
    try:
        import onnx
        from onnx import TensorProto, helper, numpy_helper
    except ImportError:
        raise ExportError(INSTALL_HINT) from None

    initializers, nodes = [], []
    value = {s.input_name: _input_features(s, nodes, helper)}
    # value: layer name → the tensor holding its output a
    for k, layer in enumerate(s.layers):
        terms = []
        for c in layer.incoming:
            weights = c.weights if c.mask is None else c.weights * c.mask
            w_name = f"W{len(initializers)}"
            tensor = numpy_helper.from_array(np.ascontiguousarray(weights.T, dtype=np.float32), w_name)
            tensor.doc_string = f"weights of {inline(c.key)}, transposed: (units of source, units of target)"
            initializers.append(tensor)
            product = f"layer{k}_{w_name}_product"
            nodes.append(helper.make_node("MatMul", [value[c.source], w_name], [product], name=f"{product}_node"))
            terms.append(product)
        z = terms[0]
        if len(terms) > 1:
            z = f"layer{k}_sum"
            nodes.append(helper.make_node("Sum", terms, [z], name=f"{z}_node"))
        if layer.bias is not None:
            b_name = f"b{k}"
            tensor = numpy_helper.from_array(np.asarray(layer.bias, dtype=np.float32), b_name)
            tensor.doc_string = f"bias of {inline(layer.name)}"
            initializers.append(tensor)
            nodes.append(helper.make_node("Add", [z, b_name], [f"layer{k}_z"], name=f"layer{k}_add"))
            z = f"layer{k}_z"
        op, attributes = ONNX_ACTIVATION[layer.activation]
        out = "y" if layer is s.output else f"layer{k}_a"
        node = helper.make_node(op, [z], [out], name=f"layer{k}_{op.lower()}", **attributes)
        node.doc_string = f"layer {inline(layer.name)}: {layer.units} units, {layer.activation}"
        nodes.append(node)
        value[layer.name] = out

    graph = helper.make_graph(
        nodes,
        _graph_name(s.name),
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", s.raw_inputs])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", s.output.units])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_operatorsetid("", OPSET)],
                              producer_name="Backprop Studio")
    model.ir_version = IR_VERSION
    model.doc_string = inline(f"{s.name or 'an untitled network'}: {s.input_name} ({s.input_units}) -> "
                              + " -> ".join(f"{l.name} ({l.units}, {l.activation})" for l in s.layers))
    helper.set_model_props(model, {"layers": inline(", ".join([s.input_name] + [l.name for l in s.layers]))})
    try:
        onnx.checker.check_model(model, full_check=True)
    except onnx.checker.ValidationError as exc:  # a bug here, never the student's network
        raise ExportError(f"the ONNX model did not pass onnx's checker: {str(exc).splitlines()[0]}") from None
    return model.SerializeToString()


def _check_float32(s) -> None:
    """``ExportError`` naming the first weight or bias too large for the model's float32 (|v| > 3.4e38: it would
    be written as infinity and the model would compute NaN; a run that diverged keeps such weights)."""
    largest = float(np.finfo(np.float32).max)
    for layer in s.layers:
        named = [(f"the weights of {inline(c.key)}", c.weights) for c in layer.incoming]
        if layer.bias is not None:
            named.append((f"the bias of {inline(layer.name)}", layer.bias))
        for what, values in named:
            big = float(np.max(np.abs(values))) if np.size(values) else 0.0
            if not big <= largest:
                raise ExportError(f"{what} reach {big:.3g}, beyond the largest float32 an ONNX model holds "
                                  f"({largest:.3g}): nothing was written. Train with a lower learning rate.")


def _input_features(s, nodes, helper) -> str:
    """Nodes that compute the input layer's feature columns from ``x``; the name of their result
    (``x`` itself without features)."""
    if s.input_features is None:
        return "x"
    # opset 17's Split without sizes cuts axis 1 into equal parts: x1, x2, each (batch, 1)
    nodes.append(helper.make_node("Split", ["x"], ["x1", "x2"], axis=1, name="x_split"))
    made = {"x1": "x1", "x2": "x2"}
    columns = []
    for k, feature in enumerate(s.input_features):
        if feature not in made:
            out = f"feature{k}"
            if feature.startswith("sin("):
                nodes.append(helper.make_node("Sin", [feature[4:6]], [out], name=f"{out}_sin"))
            else:
                left, right = {"x1^2": ("x1", "x1"), "x2^2": ("x2", "x2"), "x1*x2": ("x1", "x2")}[feature]
                nodes.append(helper.make_node("Mul", [left, right], [out], name=f"{out}_mul"))
            nodes[-1].doc_string = f"input feature {feature}"
            made[feature] = out
        columns.append(made[feature])
    nodes.append(helper.make_node("Concat", columns, ["features"], axis=1, name="features_concat"))
    nodes[-1].doc_string = "the input layer's columns: " + ", ".join(s.input_features)
    return "features"


def _graph_name(name: str) -> str:
    return inline(name.strip()) or "network"
