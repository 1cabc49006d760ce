"""The materialised path: subtree ranges never leak into siblings with similar ids."""
from app.units.models import Unit


def test_subtree_bounds_do_not_include_ids_sharing_a_prefix():
    low, high = Unit.subtree_bounds("/1/5/")
    inside = ["/1/5/", "/1/5/6/", "/1/5/99/7/"]
    outside = ["/1/50/", "/1/51/3/", "/1/4/", "/1/6/", "/2/5/"]
    assert all(low <= p < high for p in inside)
    assert not any(low <= p < high for p in outside)
