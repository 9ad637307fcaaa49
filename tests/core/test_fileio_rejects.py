"""Every kind of invalid .bpnet file raises NetworkFileError naming the file, the place and what was expected."""

import json

import pytest
from bpnet_docs import valid_doc, write

import core
import core.fileio
from core.graph import MAX_UNITS


def _load_error(path) -> core.NetworkFileError:
    with pytest.raises(core.NetworkFileError) as info:
        core.load_network(path)
    return info.value


def _check(tmp_path, doc, place, *fragments):
    path = write(tmp_path, doc)
    err = _load_error(path)
    message = str(err)
    assert isinstance(err, ValueError)
    assert message.startswith(path + ": "), message  # names the file
    assert err.place == place, message
    if place:
        assert f": {place}: " in message
    for fragment in fragments:
        assert fragment in message, message
    return err


def _mutated(change):
    doc = valid_doc()
    change(doc)
    return doc


# (id, change to the valid document, expected place, fragments of the expected message)
CASES = [
    ("wrong-format", lambda d: d.update(format="something.else"), "format", "expected 'backprop-studio.network'"),
    ("future-version", lambda d: d.update(version=2), "version", "newer Backprop Studio", "reads version 1"),
    ("version-as-text", lambda d: d.update(version="1"), "version", "expected 1", "text '1'"),
    ("missing-format", lambda d: d.pop("format"), "format", "missing"),
    ("missing-layers", lambda d: d.pop("layers"), "layers", "missing"),
    ("layers-not-a-list", lambda d: d.update(layers={"x": 2}), "layers", "expected a list of layers", "an object"),
    ("layer-not-an-object", lambda d: d["layers"].__setitem__(0, "x"), "layers[0]", "expected a layer object"),
    ("missing-units", lambda d: d["layers"][1].pop("units"), "layers[1].units", "missing", "whole number"),
    ("units-as-text", lambda d: d["layers"][1].update(units="2"), "layers[1].units", "whole number", "text '2'"),
    ("units-as-bool", lambda d: d["layers"][1].update(units=True), "layers[1].units", "found true"),
    ("units-as-float", lambda d: d["layers"][1].update(units=2.0), "layers[1].units", "without a decimal point"),
    ("units-zero", lambda d: d["layers"][1].update(units=0), "layers[1].units", f"from 1 to {MAX_UNITS}", "found 0"),
    ("units-absurd", lambda d: d["layers"][1].update(units=10**12), "layers[1].units", f"from 1 to {MAX_UNITS}"),
    ("empty-name", lambda d: d["layers"][0].update(name=" "), "layers[0].name", "non-empty"),
    ("name-as-number", lambda d: d["layers"][0].update(name=7), "layers[0].name", "expected text", "number 7"),
    ("duplicate-name", lambda d: d["layers"][2].update(name="h"), "layers[2].name", "layers[1]", "already called 'h'"),
    ("unknown-activation", lambda d: d["layers"][1].update(activation="swish"), "layers[1].activation",
     "unknown activation 'swish'", "sigmoid"),
    ("missing-activation", lambda d: d["layers"][1].pop("activation"), "layers[1].activation", "missing"),
    ("softmax-hidden", lambda d: d["layers"][1].update(activation="softmax"), "layers[1].activation",
     "softmax is only allowed on the output layer"),
    ("bias-too-short", lambda d: d["layers"][1].update(bias=[0.1]), "layers[1].bias", "expected 2 numbers", "found 1"),
    ("bias-text-inside", lambda d: d["layers"][1].update(bias=[0.1, "0.2"]), "layers[1].bias[1]", "expected a number"),
    ("position-short", lambda d: d["layers"][0].update(position=[1]), "layers[0].position", "expected 2 numbers"),
    ("unknown-layer-in-connection", lambda d: d["connections"][1].update(to="z"), "connections[1].to",
     "no layer called 'z'", "'x', 'h', 'y'"),
    ("connection-missing-from", lambda d: d["connections"][0].pop("from"), "connections[0].from", "missing"),
    ("self-connection", lambda d: d["connections"][0].update(to="x"), "connections[0]", "connected to itself"),
    ("duplicate-connection", lambda d: d["connections"].append(dict(d["connections"][0])), "connections[3]",
     "already connected by connections[0]"),
    ("cycle", lambda d: d["connections"].append({"from": "y", "to": "h", "weights": [[1.0], [1.0]]}),
     "connections", "cycle"),
    ("two-inputs", lambda d: (d["layers"].append({"name": "x2", "units": 1}),
                              d["connections"].append({"from": "x2", "to": "h", "weights": [[1.0], [1.0]]})),
     "connections", "exactly one input layer", "found 2", "'x2'"),
    ("two-outputs", lambda d: (d["layers"].append({"name": "z", "units": 1, "activation": "relu"}),
                               d["connections"].append({"from": "h", "to": "z", "weights": [[1.0, 1.0]]})),
     "connections", "exactly one output layer", "found 2", "'z'"),
    ("lonely-layer", lambda d: d["layers"].append({"name": "lonely", "units": 1, "activation": "relu"}),
     "connections", "exactly one input layer", "'lonely'"),
    ("one-layer", lambda d: (d.update(layers=d["layers"][:1], connections=[])), "layers",
     "at least an input and an output layer"),
    ("weights-missing", lambda d: d["connections"][0].pop("weights"), "connections[0].weights", "missing"),
    ("weights-wrong-rows", lambda d: d["connections"][0]["weights"].pop(), "connections[0].weights",
     "expected 2 rows (one per neuron of 'h'), found 1"),
    ("weights-wrong-row-length", lambda d: d["connections"][0]["weights"][1].pop(), "connections[0].weights[1]",
     "expected 3 numbers (one per neuron of 'x'), found 2"),
    ("weights-text-cell", lambda d: d["connections"][0]["weights"][0].__setitem__(1, "0.3"),
     "connections[0].weights[0][1]", "expected a number", "text '0.3'"),
    ("weights-bool-cell", lambda d: d["connections"][2]["weights"][0].__setitem__(2, False),
     "connections[2].weights[0][2]", "expected a number", "false"),
    ("weights-ragged-nesting", lambda d: d["connections"][0]["weights"][1].__setitem__(0, [1, 2]),
     "connections[0].weights[1][0]", "expected a number", "a list of 2 items"),
    ("weights-not-a-list", lambda d: d["connections"][0].update(weights=0.5), "connections[0].weights",
     "expected a list of 2 rows"),
    ("mask-not-binary", lambda d: d["connections"][1].update(mask=[[1, 0.5]]), "connections[1].mask[0][1]",
     "0 (edge removed) or 1", "found 0.5"),
    ("mask-wrong-shape", lambda d: d["connections"][1].update(mask=[[1, 0, 1]]), "connections[1].mask[0]",
     "expected 2 numbers"),
    ("unknown-loss", lambda d: d["training"].update(loss="hinge"), "training.loss", "unknown loss 'hinge'", "mse"),
    ("loss-needs-softmax", lambda d: d["training"].update(loss="cross_entropy"), "training.loss",
     "needs a softmax output layer"),
    ("unknown-optimizer", lambda d: d["training"]["optimizer"].update(name="rmsprop"), "training.optimizer.name",
     "unknown optimizer 'rmsprop'", "sgd, adam"),
    ("negative-learning-rate", lambda d: d["training"]["optimizer"].update(learning_rate=-0.1),
     "training.optimizer.learning_rate", "expected a number in (0, ∞)", "-0.1"),
    ("nesterov-as-text", lambda d: d["training"]["optimizer"].update(nesterov="yes"), "training.optimizer.nesterov",
     "expected true or false"),
    ("batch-size-zero", lambda d: d["training"].update(batch_size=0), "training.batch_size", "whole number from 1"),
    ("validation-fraction-one", lambda d: d["training"].update(validation_fraction=1), "training.validation_fraction",
     "[0, 1)"),
    ("negative-seed", lambda d: d["training"].update(seed=-1), "training.seed", "whole number from 0"),
    ("unknown-regularization", lambda d: d["training"]["regularization"].update(kind="l3"),
     "training.regularization.kind", "unknown regularization 'l3'"),
    ("training-not-object", lambda d: d.update(training=[1]), "training", "expected an object"),
    ("unknown-generator", lambda d: d.update(dataset={"generator": "mnist"}), "dataset.generator",
     "unknown dataset generator 'mnist'", "spiral"),
    ("absurd-samples", lambda d: d.update(dataset={"generator": "xor", "samples": 10**8}), "dataset.samples",
     "from 1 to 1000000"),
    ("samples-times-classes", lambda d: d.update(dataset={"generator": "spiral", "samples": 1_000_000, "classes": 100}),
     "dataset.samples", "use fewer samples"),
    ("generator-noise-text", lambda d: d.update(dataset={"generator": "xor", "noise": "low"}), "dataset.noise",
     "expected a number"),
    ("inline-ragged-rows", lambda d: d["dataset"]["inputs"][2].append(5), "dataset.inputs[2]",
     "expected 3 numbers", "found 4"),
    ("inline-targets-count", lambda d: d["dataset"]["targets"].pop(), "dataset.targets", "expected 4 rows", "found 3"),
    ("inline-missing-targets", lambda d: d["dataset"].pop("targets"), "dataset.targets", "missing"),
    ("inline-empty-inputs", lambda d: d["dataset"].update(inputs=[]), "dataset.inputs", "at least one row"),
    ("class-names-count", lambda d: d["dataset"].update(class_names=["a", "b"]), "dataset.class_names",
     "expected 1 name (one per target column)"),
    ("dataset-not-object", lambda d: d.update(dataset="xor"), "dataset", "expected a dataset object"),
    ("too-many-parameters", lambda d: [l.update(units=MAX_UNITS) for l in d["layers"]], "layers",
     "weights and biases; at most 10,000,000"),
]


@pytest.mark.parametrize("change,place,fragments", [c[1:3] + (c[3:],) for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_field_is_named(tmp_path, change, place, fragments):
    _check(tmp_path, _mutated(change), place, *fragments)


def _text_with(token_doc_change, token):
    """The valid document's JSON text with one number replaced by a raw token (NaN, Infinity, 1e999)."""
    doc = valid_doc()
    token_doc_change(doc)
    return json.dumps(doc).replace('"@TOKEN@"', token)


@pytest.mark.parametrize("token,place,why", [
    ("NaN", "connections[0].weights[1][2]", "NaN and infinity"),
    ("Infinity", "connections[0].weights[1][2]", "NaN and infinity"),
    ("-Infinity", "layers[1].bias[0]", "NaN and infinity"),
    ("1e999", "training.optimizer.learning_rate", "too large"),
    ("9" * 400, "dataset.inputs[0][0]", "too large"),
    ("NaN", "teacher_notes[1]", "NaN and infinity"),  # even inside unknown keys
    ("-1e400", "teacher_notes[1]", "too large"),
    ("1" + "0" * 330 + ".5", "layers[1].bias[0]", "too large"),
])
def test_non_finite_numbers_are_refused_with_their_place(tmp_path, token, place, why):
    def change(d):
        slots = {
            "connections[0].weights[1][2]": lambda: d["connections"][0]["weights"][1].__setitem__(2, "@TOKEN@"),
            "layers[1].bias[0]": lambda: d["layers"][1]["bias"].__setitem__(0, "@TOKEN@"),
            "training.optimizer.learning_rate": lambda: d["training"]["optimizer"].update(learning_rate="@TOKEN@"),
            "dataset.inputs[0][0]": lambda: d["dataset"]["inputs"][0].__setitem__(0, "@TOKEN@"),
            "teacher_notes[1]": lambda: d.update(teacher_notes=[1, "@TOKEN@"]),
        }
        slots[place]()

    _check(tmp_path, _text_with(change, token), place, "expected a finite number", why)


def test_not_json(tmp_path):
    _check(tmp_path, "this is not JSON", "line 1, column 1", "not valid JSON")


def test_truncated_file(tmp_path):
    text = json.dumps(valid_doc(), indent=2)
    err = _check(tmp_path, text[: len(text) * 2 // 3], _truncated_place(text[: len(text) * 2 // 3]), "not valid JSON",
                 "cut off")
    assert err.place.startswith("line ")


def _truncated_place(text):
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"line {exc.lineno}, column {exc.colno}"


def test_empty_file(tmp_path):
    err = _load_error(write(tmp_path, "  \n"))
    assert "the file is empty" in str(err) and str(tmp_path) in str(err)


def test_top_level_must_be_an_object(tmp_path):
    _check(tmp_path, "[1, 2]", "", "expected a JSON object")


def test_deep_nesting_is_an_error_not_a_crash(tmp_path):
    err = _load_error(write(tmp_path, "[" * 200_000 + "]" * 200_000))
    assert "nested too deeply" in str(err)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.bpnet"
    path.write_bytes(b'{"format": "backprop-studio.network",\n "name": "caf\xe9"}')
    err = _load_error(path)
    assert err.place == "line 2" and "not UTF-8" in str(err) and str(path) in str(err)


def test_missing_file_and_folder(tmp_path):
    err = _load_error(tmp_path / "nowhere.bpnet")
    assert "does not exist" in str(err) and "nowhere.bpnet" in str(err)
    err = _load_error(tmp_path)
    assert "folder" in str(err)


def test_file_too_big_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.bpnet"
    with open(path, "wb") as f:
        f.truncate(core.fileio.MAX_FILE_BYTES + 1)  # sparse: no time to write it
    err = _load_error(path)
    assert f"larger than {core.fileio.MAX_FILE_BYTES / 2**20:.0f} MB" in str(err) and str(path) in str(err)


def test_csv_problems_name_both_files_and_the_line(tmp_path):
    doc = valid_doc()
    doc["dataset"] = {"csv": "data.csv", "inputs": ["a", "b", "c"], "targets": ["t"]}
    err = _check(tmp_path, doc, "dataset.csv", "data.csv", "not found")
    (tmp_path / "data.csv").write_text("a,b,c,t\n1,2,3,0\n1,2,three,1\n", encoding="utf-8")
    _check(tmp_path, doc, "dataset.csv", "data.csv, line 3, column 'c'", "expected a finite number", "text that is not a number")
    (tmp_path / "data.csv").write_text("a,b,t\n1,2,0\n", encoding="utf-8")
    _check(tmp_path, doc, "dataset.csv", "line 1", "no column 'c'")
    doc["dataset"]["inputs"] = []
    _check(tmp_path, doc, "dataset.inputs", "at least one column name")
    assert err.file.endswith("net.bpnet")


def test_nothing_is_returned_half_loaded(tmp_path):
    """A file that is valid up to its last field still yields no network at all."""
    doc = valid_doc()
    doc["dataset"]["targets"][3] = ["oops"]
    with pytest.raises(core.NetworkFileError):
        core.load_network(write(tmp_path, doc))


def test_error_survives_pickling():
    import pickle

    err = core.NetworkFileError("a.bpnet", "layers[0]", "expected x")
    back = pickle.loads(pickle.dumps(err))
    assert (back.file, back.place, back.problem, str(back)) == ("a.bpnet", "layers[0]", "expected x", str(err))
