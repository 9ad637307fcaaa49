"""``core``'s explanations, k-fold cross-validation and loss-of-one-weight curve load when first used:
opening a network (what the window and ``--screenshot`` do first) does not load their modules, and
every public name still works as ``core.NAME`` and ``from core import NAME``."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import core

#: the names ``core`` loads on first use, by module
LAZY = {
    "core.explain": ("EdgeExplanation", "GradientExplanation", "NeuronExplanation", "explain_edge",
                     "explain_gradient", "explain_neuron"),
    "core.kfold": ("CrossValidationResult", "FoldResult", "KFoldResult", "cross_validate", "fold_rows", "k_fold"),
    "core.weight_probe": ("LossCurve", "loss_curve"),
}


def test_opening_a_lesson_loads_none_of_the_on_demand_modules():
    script = textwrap.dedent(
        """
        import sys
        import core
        net = core.load_network(core.find_lesson("xor"))
        print("LOADED:", sorted(m for m in ("core.explain", "core.kfold", "core.weight_probe") if m in sys.modules))
        core.explain_edge
        from core import k_fold, loss_curve
        print("AFTER:", sorted(m for m in ("core.explain", "core.kfold", "core.weight_probe") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "LOADED: []" in out.stdout, out.stdout
    assert "AFTER: ['core.explain', 'core.kfold', 'core.weight_probe']" in out.stdout, out.stdout


@pytest.mark.parametrize("module,name", [(m, n) for m, names in LAZY.items() for n in names])
def test_each_on_demand_name_is_its_modules_object(module, name):
    __import__(module)
    assert getattr(core, name) is getattr(sys.modules[module], name)
    assert name in core.__all__ and name in dir(core)


def test_every_public_name_resolves_and_a_wrong_one_says_so():
    namespace: dict = {}
    exec("from core import *", namespace)  # noqa: S102 (the star import a notebook would write)
    assert set(core.__all__) <= set(namespace)
    with pytest.raises(AttributeError, match="no attribute 'explain_weight'"):
        core.explain_weight  # noqa: B018


def test_an_explanation_through_the_lazy_name_is_the_engines_gradient():
    net = core.load_network(core.find_lesson("xor"))
    X, T = net.dataset.inputs, net.dataset.targets
    explained = core.explain_edge(net, "x", "h", 1, 0, X, T)
    _, grads = net.loss_and_gradients(X, T)
    assert explained.total == pytest.approx(grads.weights["x", "h"][1, 0], rel=1e-12, abs=1e-15)
