"""Fuzzing the reader: every mutated or truncated file either loads or raises NetworkFileError — nothing else."""

import json
import random

import pytest
from bpnet_docs import valid_doc

import core

CASES = 1500

# Values a mutation puts somewhere in the document (types and sizes a hostile file might use).
POOL = [None, True, False, 0, 1, -1, 2, 0.5, -3.5, 1e308, 2**64, 100_000, "", "x", "h", "sigmoid", "softmax",
        "spiral", [], {}, [1], [[1]], [[0.5, 0.25, 0.125]], [1, "a"], {"name": "x"}, [None], [[[]]], "NaN"]


def _bases():
    generator = valid_doc()
    generator["dataset"] = {"generator": "circles", "samples": 20, "noise": 0.1, "seed": 1}
    bare = valid_doc()
    del bare["training"], bare["dataset"]
    lesson = json.loads(open(core.example_path("spiral"), encoding="utf-8").read())
    guided = json.loads(open(core.example_path("guided_chain_rule"), encoding="utf-8").read())  # a lesson section
    return [valid_doc(), generator, bare, lesson, guided]


def _containers(doc, acc=None, path=()):
    """Every (container, key) pair in ``doc``."""
    acc = [] if acc is None else acc
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for key, value in items:
        acc.append((doc, key))
        _containers(value, acc, path + (key,))
    return acc


def _mutate_structure(doc, rng):
    for _ in range(rng.randint(1, 3)):
        slots = _containers(doc)
        container, key = rng.choice(slots)
        action = rng.random()
        if action < 0.55:
            container[key] = rng.choice(POOL) if rng.random() < 0.8 else json.loads(json.dumps(rng.choice(slots)[0]))
        elif action < 0.75:
            if isinstance(container, dict):
                del container[key]
            else:
                container.pop(key)
        elif action < 0.9 and isinstance(container, list):
            container.insert(key, json.loads(json.dumps(container[key])))
        elif isinstance(container, dict):
            container[rng.choice(["extra", "units", "mask", "bias", "classes", "activation"])] = rng.choice(POOL)
    return json.dumps(doc)


def _mutate_text(text, rng):
    kind = rng.random()
    if kind < 0.3:
        return text[: rng.randrange(len(text))]  # truncated
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(chars))
        chars[k] = rng.choice('{}[]",:0123456789.-eE aNIn\\\x00é')
    return "".join(chars)


def test_every_mutation_loads_or_raises_network_file_error(tmp_path):
    rng = random.Random(20261124)
    bases = _bases()
    outcomes = {"loaded": 0, "rejected": 0}
    path = tmp_path / "fuzz.bpnet"
    for case in range(CASES):
        base = json.loads(json.dumps(rng.choice(bases)))
        text = _mutate_structure(base, rng) if case % 2 else _mutate_text(json.dumps(base, indent=rng.choice([None, 1])), rng)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            net = core.load_network(path)
        except core.NetworkFileError as exc:
            assert str(path) in str(exc)
            outcomes["rejected"] += 1
        except Exception as exc:  # pragma: no cover - this is the failure the test looks for
            pytest.fail(f"case {case}: {type(exc).__name__}: {exc}\n--- file ---\n{text[:2000]}")
        else:
            net.validate()  # whatever loads is a runnable network
            outcomes["loaded"] += 1
    # both outcomes must really occur, or the mutations are too weak/strong to test anything
    assert outcomes["loaded"] > 50 and outcomes["rejected"] > 500, outcomes


def test_every_prefix_of_a_file_is_rejected_cleanly(tmp_path):
    text = json.dumps(valid_doc())
    path = tmp_path / "cut.bpnet"
    for end in range(0, len(text), 7):
        path.write_text(text[:end], encoding="utf-8")
        with pytest.raises(core.NetworkFileError):
            core.load_network(path)
