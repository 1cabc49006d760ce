"""Read-only look-ups for the administration pages: counted and sliced in SQL."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from app.paging import Page
from app.audit.models import AuditEntry
from app.auth.models import Role, User
from app.extensions import db
from app.units.models import Unit
from app.auth.scope import sees_all, unit_scope_filter, user_scope_filter

PER_PAGE = 50


def _paged(query: Select, number: int, per_page: int = PER_PAGE) -> Page:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    page = Page([], total or 0, number, per_page)
    page.items = list(db.session.scalars(query.limit(per_page).offset(page.offset)).unique())
    return page


def managed_users(viewer: User):
    """SQL condition on User: the accounts `viewer` may administer (a manager: learners of the subtree)."""
    condition = user_scope_filter(viewer)
    if not sees_all(viewer):
        condition = condition & (User.role == Role.LEARNER.value)
    return condition


def managed_user(viewer: User, user_id: int) -> User | None:
    """The account if `viewer` may administer it; None otherwise (shown as 404, so ids cannot be probed)."""
    return db.session.scalar(select(User).where(User.id == user_id, managed_users(viewer)))


def visible_unit(viewer: User, unit_id: int | None = None, code: str | None = None) -> Unit | None:
    """The unit by id or code if `viewer` may see it."""
    query = select(Unit).where(unit_scope_filter(viewer))
    query = query.where(Unit.id == unit_id) if unit_id is not None else query.where(Unit.code == code)
    return db.session.scalar(query)


def search_users(viewer: User, number: int, q: str = "", unit: Unit | None = None, role: str = "",
                 audience: str = "", active: str = "") -> Page:
    """Accounts `viewer` administers, filtered, ordered by name, one page."""
    query = select(User).options(joinedload(User.unit)).where(managed_users(viewer))
    if q:
        q = q.lower()
        query = query.where(or_(func.lower(User.full_name).contains(q, autoescape=True),
                                User.email.contains(q, autoescape=True)))
    if unit is not None:
        query = query.where(User.unit_id.in_(select(Unit.id).where(unit.subtree_filter())))
    if role:
        query = query.where(User.role == role)
    if audience:
        query = query.where(User.audience == audience)
    if active in ("yes", "no"):
        query = query.where(User.active.is_(active == "yes"))
    return _paged(query.order_by(User.name_key, User.id), number)


def unit_children(viewer: User, parent: Unit | None, number: int) -> tuple[Page, dict[int, tuple[int, int]]]:
    """One page of the children of `parent` (roots when None) and, per child, (sub-units, members)."""
    query = select(Unit).where(unit_scope_filter(viewer))
    query = query.where(Unit.parent_id == parent.id) if parent else query.where(Unit.parent_id.is_(None))
    page = _paged(query.order_by(Unit.name_key, Unit.id), number)
    ids = [u.id for u in page.items]
    child = aliased(Unit)
    kids = dict(db.session.execute(select(child.parent_id, func.count()).where(child.parent_id.in_(ids)).group_by(child.parent_id)).all())
    members = dict(db.session.execute(select(User.unit_id, func.count()).where(User.unit_id.in_(ids)).group_by(User.unit_id)).all())
    return page, {i: (kids.get(i, 0), members.get(i, 0)) for i in ids}


def breadcrumbs(viewer: User, unit: Unit) -> list[Unit]:
    """The visible ancestors of `unit` from the top down, itself last."""
    ids = unit.ancestors_ids()
    by_id = {u.id: u for u in db.session.scalars(select(Unit).where(Unit.id.in_(ids), unit_scope_filter(viewer)))}
    return [by_id[i] for i in ids if i in by_id]


def audit_entries(number: int, actor: str = "", action: str = "", target_type: str = "", target_id: str = "",
                  since: date | None = None, until: date | None = None) -> Page:
    """Audit entries, newest first, filtered; `until` includes the whole day."""
    query = select(AuditEntry).options(joinedload(AuditEntry.actor))
    if actor:
        query = query.where(AuditEntry.actor_id.in_(select(User.id).where(User.email.contains(actor.lower(), autoescape=True))))
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    if target_type:
        query = query.where(AuditEntry.target_type == target_type)
    if target_id:
        query = query.where(AuditEntry.target_id == target_id)
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time.min))
    if until:
        query = query.where(AuditEntry.at < datetime.combine(until + timedelta(days=1), time.min))
    return _paged(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()), number)
