"""CSV import: header row, numeric columns, categorical targets as one-hot, errors with line numbers."""

import numpy as np
import pytest

import core
import core.datasets


def _csv(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_numeric_columns_in_the_order_asked(tmp_path):
    path = _csv(tmp_path, "x1, x2 ,y,unused\n1,2,3,a\n-4.5,6e-1,0.25,b\n")
    data = core.load_csv(path, ["x2", "x1"], ["y"])
    np.testing.assert_array_equal(data.inputs, [[2, 1], [0.6, -4.5]])
    np.testing.assert_array_equal(data.targets, [[3], [0.25]])
    assert data.class_names is None
    assert data.source == {"csv": str(path), "inputs": ["x2", "x1"], "targets": ["y"]}


def test_categorical_target_becomes_one_hot_with_sorted_class_names(tmp_path):
    path = _csv(tmp_path, "length,width,species\n1.4,0.2,setosa\n4.7,1.4,versicolor\n6.0,2.5,virginica\n1.3,0.3,setosa\n")
    data = core.load_csv(path, ["length", "width"], ["species"])
    assert data.class_names == ["setosa", "versicolor", "virginica"]
    np.testing.assert_array_equal(data.targets, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    assert data.is_classification


def test_bom_quotes_crlf_and_blank_lines_are_fine(tmp_path):
    path = _csv(tmp_path, '\ufeff"a","b"\r\n"1","2"\r\n\r\n3,4\r\n', encoding="utf-8")
    data = core.load_csv(path, ["a"], ["b"])
    np.testing.assert_array_equal(data.inputs, [[1], [3]])


@pytest.mark.parametrize("text,inputs,targets,fragments", [
    ("a,b\n1,2\n3,x\n", ["a"], ["b"], ["line 3", "column 'b'", "expected a finite number", "text that is not a number"]),
    ("a,b\n1,2\n,4\n", ["a"], ["b"], ["line 3", "column 'a'", "an empty cell"]),
    ("a,b\n1,nan\n", ["a"], ["b"], ["line 2", "NaN or an infinite number"]),
    ("a,b\n1,inf\n", ["a"], ["b"], ["line 2", "NaN or an infinite number"]),
    ("a,b\n1,2\n3\n", ["a"], ["b"], ["line 3", "expected 2 cells like the header, found 1"]),
    ("a,b\n1,2,3\n", ["a"], ["b"], ["line 2", "found 3"]),
    ("a,b\n1,2\n", ["a"], ["c"], ["line 1", "no column 'c' in the header row"]),
    ("a,b\n", ["a"], ["b"], ["no data rows"]),
    ("", ["a"], ["b"], ["empty", "header row"]),
    ("a,b\n1,red\n2,red\n", ["a"], ["b"], ["column 'b'", "at least two different labels"]),
    ("a,b\n1,red\n2,\n", ["a"], ["b"], ["line 3", "class label is empty"]),
    ("a,b,c\n1,red,2\n", ["a"], ["b", "c"], ["line 2", "column 'b'", "text that is not a number"]),  # text only for a single target
    ("a,a,b\n1,2,3\n", ["a"], ["b"], ["two columns are called 'a'"]),
    ('a,b\n1,"2\n', ["a"], ["b"], ["line"]),  # an unterminated quote
    ("a,b\n1,2\n", [], ["b"], ["at least one input column"]),
])
def test_bad_csv_files_say_where(tmp_path, text, inputs, targets, fragments):
    path = _csv(tmp_path, text)
    with pytest.raises(core.CSVError) as info:
        core.load_csv(path, inputs, targets)
    message = str(info.value)
    assert message.startswith("data.csv"), message
    for fragment in fragments:
        assert fragment in message, message


def test_missing_file(tmp_path):
    with pytest.raises(core.CSVError, match="gone.csv: the CSV file was not found"):
        core.load_csv(tmp_path / "gone.csv", ["a"], ["b"])


def test_not_utf8(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"a,b\n1,2\n3,\xff\n")
    with pytest.raises(core.CSVError, match="line 3: not UTF-8"):
        core.load_csv(path, ["a"], ["b"])


def test_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(core.datasets, "MAX_CSV_BYTES", 10)
    path = _csv(tmp_path, "a,b\n1,2\n3,4\n")
    with pytest.raises(core.CSVError, match="larger than 10 bytes"):
        core.load_csv(path, ["a"], ["b"])


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(core.datasets, "MAX_SAMPLES", 2)
    path = _csv(tmp_path, "a,b\n1,2\n3,4\n5,6\n")
    with pytest.raises(core.CSVError, match="more than 2 rows"):
        core.load_csv(path, ["a"], ["b"])


def test_too_many_classes(tmp_path, monkeypatch):
    monkeypatch.setattr(core.datasets, "MAX_CLASSES", 3)
    path = _csv(tmp_path, "a,b\n" + "".join(f"{k},c{k}\n" for k in range(4)))
    with pytest.raises(core.CSVError, match="more than 3 different classes"):
        core.load_csv(path, ["a"], ["b"])


# ---------------------------------------------------------------- csv_header: the one header parser
# (the inspector's "Choose CSV file…" and the dataset panel's "Load CSV…" both use it)
def test_csv_header_names_the_columns_as_load_csv_reads_them(tmp_path):
    path = _csv(tmp_path, '\ufeff x1 ,"x, two",label\r\n1,2,a\n3,4,b\n')
    header = core.datasets.csv_header(path)
    assert header == ["x1", "x, two", "label"]  # BOM, spaces, a quoted comma
    data = core.load_csv(path, header[:-1], header[-1:])
    np.testing.assert_array_equal(data.inputs, [[1, 2], [3, 4]])
    assert data.class_names == ["a", "b"]


def test_csv_header_leaves_out_unnamed_columns(tmp_path):
    assert core.datasets.csv_header(_csv(tmp_path, "a,b,\n1,2,\n")) == ["a", "b"]


@pytest.mark.parametrize("text,fragments", [
    ("", ["data.csv", "empty", "header row"]),
    ("\n\n", ["data.csv", "empty"]),
    ("only\n1\n", ["data.csv, line 1", "names 1 column;", "at least two"]),
    (",,\n1,2,3\n", ["data.csv", "empty"]),
    ('a,"b\n', ["data.csv, line 1"]),  # an unterminated quote
])
def test_csv_header_refuses_what_cannot_become_a_dataset(tmp_path, text, fragments):
    with pytest.raises(core.CSVError) as info:
        core.datasets.csv_header(_csv(tmp_path, text))
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_csv_header_of_a_missing_or_non_utf8_file(tmp_path):
    with pytest.raises(core.CSVError, match="gone.csv: the CSV file was not found"):
        core.datasets.csv_header(tmp_path / "gone.csv")
    path = tmp_path / "data.csv"
    path.write_bytes(b"a,\xff\n1,2\n")
    with pytest.raises(core.CSVError, match="line 1: not UTF-8"):
        core.datasets.csv_header(path)
