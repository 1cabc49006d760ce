"""Unit tree moves and manager scope."""
import pytest
from sqlalchemy import select

from app.auth.models import User
from app.auth.scope import can_see_unit, user_scope_filter
from app.units.services import move_unit


def test_moving_a_unit_moves_its_whole_subtree(db, make_unit, root_unit):
    a = make_unit("A", root_unit)
    b = make_unit("B", root_unit)
    a1 = make_unit("A1", a)
    a11 = make_unit("A11", a1)
    move_unit(a1, b)
    db.session.commit()
    a11 = db.session.get(type(a11), a11.id)
    assert a11.path == f"{root_unit.path}{b.id}/{a1.id}/{a11.id}/"
    assert a11.depth == 3
    assert b.contains(a11) and not a.contains(a11)


def test_a_unit_cannot_move_under_its_descendant(make_unit, root_unit):
    a = make_unit("A", root_unit)
    a1 = make_unit("A1", a)
    with pytest.raises(ValueError):
        move_unit(a, a1)


def test_manager_sees_own_subtree_only(db, make_unit, make_user, root_unit):
    district = make_unit("D1", root_unit)
    ward = make_unit("W1", district)
    sibling = make_unit("D2", root_unit)
    manager = make_user("m@example.org", role="manager", unit=district)
    inside = make_user("in@example.org", unit=ward)
    make_user("out@example.org", unit=sibling)
    assert can_see_unit(manager, ward) and can_see_unit(manager, district)
    assert not can_see_unit(manager, sibling) and not can_see_unit(manager, root_unit)
    visible = set(db.session.scalars(select(User.email).where(user_scope_filter(manager))))
    assert visible == {"m@example.org", inside.email}


def test_learners_and_trainers_see_no_unit(make_user, root_unit):
    assert not can_see_unit(make_user("l@example.org"), root_unit)
    assert not can_see_unit(make_user("t@example.org", role="trainer"), root_unit)
