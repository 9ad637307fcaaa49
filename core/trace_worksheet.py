"""The trace of one training step as a worksheet: plain text (``render_text``) and printable
A4 HTML (``render_html``): forward table per layer, the loss, δ per layer, each gradient with
its chain-rule product, each update. ``core.trace.StepTrace.to_text``/``to_html`` call these;
every number is a ``StepTrace`` field, formatted with six significant digits.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from .activations import get_activation
from .features import FEATURES
from .hand_check import checks_by_hand
from .losses import get_loss
from .trace import StepTrace

__all__ = ["render_html", "render_text"]


def render_text(trace: StepTrace) -> str:
    """A readable plain-text trace: forward, loss, backward, gradients, update."""
    return _render_text(_sections(trace, _fmt_text))


def render_html(trace: StepTrace) -> str:
    """A printable A4 worksheet: plain HTML and CSS, no scripts."""
    return _render_html(trace, _sections(trace, _fmt_html))


def _fmt_text(x: float) -> str:
    """Six significant digits, never a negative zero."""
    return f"{float(x) + 0.0:.6g}"


def _fmt_html(x: float) -> str:
    """Six significant digits with trailing zeros kept (0.500000), never a negative zero."""
    return f"{float(x) + 0.0:#.6g}"


@dataclass
class _Table:
    """Rows of already formatted cells; a row in ``removed`` is a masked edge (label only)."""

    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    removed: set[int] = field(default_factory=set)
    expressions: set[int] = field(default_factory=set)  # columns holding a written-out product or sum


@dataclass
class _Section:
    title: str
    items: list = field(default_factory=list)  # str paragraphs and _Table objects


SAMPLES_PER_TABLE = 4
TERMS_SHOWN = 4


def _sample_chunks(trace: StepTrace) -> list[list[int]]:
    b = trace.batch_size
    return [list(range(k, min(k + SAMPLES_PER_TABLE, b))) for k in range(0, b, SAMPLES_PER_TABLE)]


def _sample_label(trace: StepTrace, b: int) -> str:
    return f"row {trace.rows[b]}"


def _sections(trace: StepTrace, fmt) -> list[_Section]:
    return [
        _header_section(trace, fmt),
        _forward_section(trace, fmt),
        _loss_section(trace, fmt),
        _backward_section(trace, fmt),
        _gradient_section(trace, fmt),
        _update_section(trace, fmt),
    ]


def _header_section(trace: StepTrace, fmt) -> _Section:
    net, t = trace.network, trace.network.training
    what = (f"dataset row {trace.rows[0]} as a batch of one" if trace.kind == "sample"
            else f"the next mini-batch: {_count(trace.batch_size, 'sample')} "
                 f"(dataset row{'s' if trace.batch_size > 1 else ''} {', '.join(map(str, trace.rows))})")
    lines = [
        f"Traced: {what}; {_count(trace.step, 'step')} taken before this one.",
        f"Loss {t.loss}: {get_loss(t.loss).formula}. Optimizer {_optimizer_text(trace)}.",
        "Weights W[j, i]: the edge from neuron i of the source layer to neuron j of the target layer. "
        "Neurons are numbered from 0.",
    ]
    if t.regularization != "none":
        term = "rate·½Σw²" if t.regularization == "l2" else "rate·Σ|w|"
        lines.append(f"Regularization {t.regularization.upper()}: adds {term} over the weights, "
                     f"rate {_fmt_text(t.regularization_rate)}.")
    return _Section(f"One training step of {net.name or 'the network'}", lines)


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _optimizer_text(trace: StepTrace) -> str:
    """The optimizer and its settings (plain numbers: these are settings, not results)."""
    fmt = _fmt_text
    o = trace.network.training.optimizer
    text = f"{o.name}, learning rate {fmt(trace.learning_rate)}"
    if o.name == "sgd" and o.momentum:
        text += f", momentum {fmt(o.momentum)}" + (" (nesterov)" if o.nesterov else "")
    if o.name == "adam":
        text += f", beta1 {fmt(o.beta1)}, beta2 {fmt(o.beta2)}, eps {fmt(o.eps)}"
    return text


def _per_sample_tables(trace: StepTrace, caption: str, columns: list[tuple[str, np.ndarray]], units: int, name: str, fmt,
                       row_labels: list[str] | None = None, first: str = "neuron"):
    """Tables with a row per neuron j and, per sample of the chunk, a column per (label, array);
    ``row_labels`` replace the rows' "name[j]" labels, ``first`` the first column's heading."""
    tables = []
    chunks = _sample_chunks(trace)
    for chunk in chunks:
        header = [first] + [f"{label} ({_sample_label(trace, b)})" for b in chunk for label, _ in columns]
        part = f" (samples {chunk[0] + 1}–{chunk[-1] + 1} of {trace.batch_size})" if len(chunks) > 1 else ""
        table = _Table(caption + part, header)
        for j in range(units):
            label = row_labels[j] if row_labels else f"{name}[{j}]"
            table.rows.append([label] + [fmt(arr[b, j]) for b in chunk for _, arr in columns])
        tables.append(table)
    return tables


def _forward_section(trace: StepTrace, fmt) -> _Section:
    net = trace.network
    section = _Section("Forward pass: z = b + Σ a_src·Wᵀ, a = f(z)")
    for name, layer in trace.layers.items():
        info = net.layer(name)
        if layer.z is None and info.features is not None:
            raw = ["x₀", "x₁"]
            section.items += _per_sample_tables(trace, "raw inputs x₀, x₁ (the dataset's columns)",
                                                [("x", trace.inputs)], len(raw), name, fmt, raw, "input")
            labels = [f"{name}[{j}] = {FEATURES[f].formula}" for j, f in enumerate(info.features)]
            section.items += _per_sample_tables(trace, f"{name} (input features of x₀, x₁)", [("a", layer.a)],
                                                info.units, name, fmt, labels)
            continue
        if layer.z is None:
            cols = [("a = x", layer.a)]
            caption = f"{name} (input)"
        else:
            cols = [("z", layer.z), ("a", layer.a)]
            sources = " + ".join(f"a_{s}·W[{s}→{name}]ᵀ" for s in net.incoming(name))
            bias = f"b_{name} + " if name in net.biases else "(no bias) "
            caption = f"{name}: {info.activation}, z = {bias}{sources}"
        section.items += _per_sample_tables(trace, caption, cols, info.units, name, fmt)
    return section


def _loss_section(trace: StepTrace, fmt) -> _Section:
    t = trace.network.training
    out = trace.network.output_layer
    y = trace.layers[out].a
    section = _Section("Loss")
    section.items += _per_sample_tables(
        trace, f"output y = a_{out} and target t", [("y", y), ("t", trace.targets)], y.shape[1], out, fmt
    )
    section.items.append(f"data loss = {get_loss(t.loss).formula} = {fmt(trace.data_loss)}")
    if t.regularization != "none":
        section.items.append(f"penalty = {fmt(trace.penalty)}")
        section.items.append(f"loss = data loss + penalty = {fmt(trace.loss)}")
    else:
        section.items.append(f"loss = {fmt(trace.loss)}")
    return section


def _backward_section(trace: StepTrace, fmt) -> _Section:
    net = trace.network
    out = net.output_layer
    section = _Section("Backward pass: δ = dL/dz of the batch loss")
    for name in reversed(list(trace.layers)[1:]):
        layer = trace.layers[name]
        act = net.layer(name).activation
        if layer.dL_da is None:
            caption = f"{name}: {get_loss(net.training.loss).name} after {act}, δ = dL/dz directly from y and t"
            cols = [("δ", layer.delta)]
        else:
            how = "dL/da = loss gradient at y" if name == out else \
                "dL/da = " + " + ".join(f"δ_{t}·W[{name}→{t}]" for t in net.outgoing(name))
            rule = "δ = f'(z)·dL/da" if get_activation(act).elementwise else "δ = s·(dL/da − Σ s·dL/da)"
            caption = f"{name}: {act}, {how}, {rule}"
            cols = [("dL/da", layer.dL_da), ("δ", layer.delta)]
        section.items += _per_sample_tables(trace, caption, cols, net.layer(name).units, name, fmt)
    return section


def _products(a: np.ndarray, d: np.ndarray, fmt) -> str:
    """a_i·δ_j over the batch, written out (the first few terms when the batch is large)."""
    terms = [f"{fmt(x)} × {fmt(y)}" for x, y in zip(a[:TERMS_SHOWN], d[:TERMS_SHOWN])]
    if len(a) > TERMS_SHOWN:
        terms.append(f"… ({len(a)} terms)")
    return " + ".join(terms)


def _sums(d: np.ndarray, fmt) -> str:
    """δ_j over the batch, written out as a sum (the first few terms when the batch is large)."""
    text = fmt(d[0])
    for x in d[1:TERMS_SHOWN]:
        text += f" − {fmt(-x)}" if x < 0 else f" + {fmt(x)}"
    if len(d) > TERMS_SHOWN:
        text += f" + … ({len(d)} terms)"
    return text


def _read(text: str) -> Decimal:
    """The exact value of a number as the worksheet writes it ("-0.0588997", "1.5e-05")."""
    return Decimal(text.replace("−", "-"))


def _checked(text: str, hand: Decimal | None) -> str:
    """A result cell: "≈" before it when the cells it is computed from, as written (``hand``, None when
    they are not all written), do not give it by hand (``core.hand_check``)."""
    if hand is None or not hand.is_finite() or not _read(text).is_finite() or checks_by_hand(hand, text):
        return text
    return "≈" + text


def _penalty_term(trace: StepTrace, w: float) -> float:
    t = trace.network.training
    if t.regularization == "l2":
        return t.regularization_rate * w
    if t.regularization == "l1":
        return t.regularization_rate * float(np.sign(w))
    return 0.0


def _gradient_section(trace: StepTrace, fmt) -> _Section:
    net = trace.network
    regularized = net.training.regularization != "none"
    section = _Section("Gradients: dL/dw_ji = Σ over the batch of a_i·δ_j, dL/db_j = Σ δ_j")
    if trace.batch_size > 1:
        section.items.append(
            f"δ is of the batch loss, which already averages over the {trace.batch_size} samples: "
            "the sum is the batch average of the per-sample products."
        )
    masks = net.masks
    for s, t in net.connections:
        header = ["edge", "w", "a_i × δ_j", "Σ a_i·δ_j"] + (["+ penalty"] if regularized else []) + ["dL/dw"]
        table = _Table(f"{s} → {t}: W[{s}→{t}], shape {trace.weights(s, t).shape}", header, expressions={2})
        w, g = trace.weights(s, t), trace.weights(s, t, "gradient")
        a, d = trace.layers[s].a, trace.layers[t].delta
        for j, i, label in _present_edges(table, masks.get((s, t)), w.shape, lambda j, i: f"{s}[{i}] → {t}[{j}]"):
            chain = float(a[:, i] @ d[:, j])
            hand = sum((_read(fmt(x)) * _read(fmt(y)) for x, y in zip(a[:, i], d[:, j])), Decimal(0))
            row = [label, fmt(w[j, i]), _products(a[:, i], d[:, j], fmt),
                   _checked(fmt(chain), hand if len(a) <= TERMS_SHOWN else None)]
            total = _read(fmt(chain))
            if regularized:
                row.append(fmt(_penalty_term(trace, w[j, i])))
                total += _read(row[-1])
            table.rows.append(row + [_checked(fmt(g[j, i]), total)])
        section.items.append(table)
    for name in list(trace.layers)[1:]:
        b = trace.bias(name)
        if b is None:
            continue
        table = _Table(f"bias of {name}", ["bias", "b", "Σ δ_j", "dL/db"], expressions={2})
        gb = trace.bias(name, "gradient")
        d = trace.layers[name].delta
        for j in range(b.size):
            hand = sum((_read(fmt(x)) for x in d[:, j]), Decimal(0)) if len(d) <= TERMS_SHOWN else None
            table.rows.append([f"b_{name}[{j}]", fmt(b[j]), _sums(d[:, j], fmt), _checked(fmt(gb[j]), hand)])
        section.items.append(table)
    return section


def _present_edges(table, mask, shape, label):
    """(j, i, label) of every present edge of a connection, row by row; a removed edge gets a
    row of its label alone, marked removed in ``table``."""
    for j in range(shape[0]):
        for i in range(shape[1]):
            if mask is not None and not mask[j, i]:
                table.removed.add(len(table.rows))
                table.rows.append([label(j, i)])
                continue
            yield j, i, label(j, i)


def _update_section(trace: StepTrace, fmt) -> _Section:
    net = trace.network
    o = net.training.optimizer
    plain_sgd = o.name == "sgd" and not o.momentum
    rule = (f"w ← w − lr·dL/dw, lr = {_fmt_text(trace.learning_rate)}" if plain_sgd
            else f"w ← w − Δ, Δ from {_optimizer_text(trace)} and its state "
                 + (f"after {_count(trace.step, 'step')}" if trace.step else "at the start"))
    section = _Section(f"Update: {rule}")
    header = ["parameter", "old", "dL/dw", "Δ = old − new", "new"]
    masks = net.masks
    for s, t in net.connections:
        table = _Table(f"{s} → {t}", header)
        old, g, new, delta = (trace.weights(s, t, of) for of in ("before", "gradient", "updated", "update"))
        for j, i, label in _present_edges(table, masks.get((s, t)), old.shape, lambda j, i: f"w[{t}←{s}][{j},{i}]"):
            table.rows.append([label, fmt(old[j, i]), fmt(g[j, i]), fmt(delta[j, i]), fmt(new[j, i])])
        section.items.append(table)
    for name in list(trace.layers)[1:]:
        old = trace.bias(name)
        if old is None:
            continue
        g, new, delta = (trace.bias(name, of) for of in ("gradient", "updated", "update"))
        table = _Table(f"bias of {name}", ["parameter", "old", "dL/db", "Δ = old − new", "new"])
        for j in range(old.size):
            table.rows.append([f"b[{name}][{j}]", fmt(old[j]), fmt(g[j]), fmt(delta[j]), fmt(new[j])])
        section.items.append(table)
    return section


REMOVED = "removed (masked edge: weight and gradient are 0 and stay 0)"


def _render_text(sections: list[_Section]) -> str:
    out = []
    for k, section in enumerate(sections):
        out += [section.title, "=" * len(section.title)] if k == 0 else ["", section.title, "-" * len(section.title)]
        for item in section.items:
            if isinstance(item, str):
                out.append(item)
            else:
                out += ["", f"{item.caption}"] + ["  " + line for line in _text_table(item)]
    return "\n".join(out) + "\n"


def _text_table(table: _Table) -> list[str]:
    widths = [len(h) for h in table.header]
    for k, row in enumerate(table.rows):
        if k not in table.removed:
            widths = [max(w, len(c)) for w, c in zip(widths, row)]
    def line(cells):
        return "  ".join(c.ljust(w) if n == 0 else c.rjust(w) for n, (c, w) in enumerate(zip(cells, widths))).rstrip()
    lines = [line(table.header)]
    for k, row in enumerate(table.rows):
        lines.append(f"{row[0].ljust(widths[0])}  {REMOVED}" if k in table.removed else line(row))
    return lines


CSS = """
@page { size: A4; margin: 15mm }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 10pt; color: #000; margin: 0 }
h1 { font-size: 15pt; margin: 0 0 6pt }
h2 { font-size: 12pt; margin: 14pt 0 4pt; border-bottom: 1px solid #444; break-after: avoid; page-break-after: avoid }
p { margin: 3pt 0 }
table { border-collapse: collapse; margin: 4pt 0 10pt; break-inside: avoid; page-break-inside: avoid }
caption { text-align: left; font-style: italic; padding: 2pt 0 }
th, td { border: 1px solid #888; padding: 2pt 6pt; text-align: right; font-variant-numeric: tabular-nums }
th { background: #eee; font-weight: normal }
td:first-child { text-align: left; white-space: nowrap }
td.removed { text-align: left; color: #666; font-style: italic }
td.expr { text-align: left; font-size: 9pt }
"""


def _render_html(trace: StepTrace, sections: list[_Section]) -> str:
    e = html.escape
    body = []
    for k, section in enumerate(sections):
        body.append(f"<h1>{e(section.title)}</h1>" if k == 0 else f"<h2>{e(section.title)}</h2>")
        for item in section.items:
            if isinstance(item, str):
                body.append(f"<p>{e(item)}</p>")
                continue
            rows = [f"<caption>{e(item.caption)}</caption>",
                    "<tr>" + "".join(f"<th>{e(h)}</th>" for h in item.header) + "</tr>"]
            for n, row in enumerate(item.rows):
                if n in item.removed:
                    rows.append(f'<tr><td>{e(row[0])}</td><td class="removed" colspan="{len(item.header) - 1}">'
                                f"{e(REMOVED)}</td></tr>")
                else:
                    rows.append("<tr>" + "".join(
                        f'<td class="expr">{e(c)}</td>' if k in item.expressions else f"<td>{e(c)}</td>"
                        for k, c in enumerate(row)) + "</tr>")
            body.append("<table>\n" + "\n".join(rows) + "\n</table>")
    title = e(f"One training step: {trace.network.name or 'network'}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
