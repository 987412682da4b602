from eventwire.coder.calibration import calibrate, raw_scores
from eventwire.coder.fit_calibration import isotonic


def test_isotonic_blocks_never_decrease():
    points = [(0.3, 0), (0.35, 1), (0.4, 0), (0.5, 1), (0.55, 0), (0.6, 1), (0.7, 1), (0.8, 1), (0.9, 1), (0.95, 1)]
    blocks = isotonic(points, min_block=2)
    ys = [y for _, y, _ in blocks]
    assert ys == sorted(ys) and sum(n for *_, n in blocks) == len(points)
    assert all(n >= 2 for *_, n in blocks)


def test_calibration_is_monotone_and_bounded():
    values = [calibrate(x / 100) for x in range(5, 100)]
    assert all(a <= b for a, b in zip(values, values[1:]))
    assert all(0 < v < 1 for v in values)


def test_raw_scores_switch():
    with raw_scores():
        assert calibrate(0.42) == 0.42
