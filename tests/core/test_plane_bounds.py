"""The plane an output map and the neuron thumbnails cover (``core.datasets.plane_bounds``)."""

from __future__ import annotations

import numpy as np
import pytest

from core.datasets import axis_bounds, plane_bounds


def test_data_with_a_range_gets_ten_percent_a_side():
    inputs = np.array([[0.0, -1.0], [2.0, 1.0], [1.0, 0.0]])
    assert plane_bounds(inputs) == pytest.approx((-0.2, 2.2, -1.2, 1.2))
    assert axis_bounds(np.array([5.0, 5.5])) == pytest.approx((4.9, 5.6))  # at least 0.1


def test_one_sample_is_the_middle_of_a_square_plane_that_holds_zero():
    assert plane_bounds(np.array([[1.0, 2.0]])) == (-3.0, 5.0, -2.0, 6.0)  # ± 2·max(1, |x|) = ± 4
    assert plane_bounds(np.array([[0.1, -0.2]])) == pytest.approx((-1.9, 2.1, -2.2, 1.8))  # ± 2 at least
    assert axis_bounds(np.array([-3.0])) == (-9.0, 3.0)
    assert axis_bounds(np.array([0.5, 0.5, 0.5])) == (-1.5, 2.5)  # repeated rows: still one value
