"""Read-only look-ups: the rounds covering a person, reviews a viewer may see, who may act."""
from __future__ import annotations

from sqlalchemy import select

from app.assignments.queries import ancestor_paths
from app.auth.models import Role, User
from app.certificates.models import Certificate
from app.extensions import db
from app.reviews.models import Review, ReviewRound, ReviewStatus
from app.reviews.periods import period_bounds
from app.units.models import Unit
from app.auth.scope import can_see_unit, unit_scope_filter


def covers(round_: ReviewRound, user: User) -> bool:
    """Whether the round asks `user` to write a review: an active learner of its audience in
    its subtree."""
    return (user.role == Role.LEARNER.value and user.active and user.audience == round_.audience
            and round_.unit.contains(user.unit))


def rounds_for(user: User) -> list[ReviewRound]:
    """The rounds covering `user`, latest due first."""
    if user.role != Role.LEARNER.value or not user.active:
        return []
    return list(db.session.scalars(
        select(ReviewRound).join(Unit, Unit.id == ReviewRound.unit_id)
        .where(Unit.path.in_(ancestor_paths(user.unit.path)), ReviewRound.audience == user.audience)
        .order_by(ReviewRound.due_on.desc(), ReviewRound.id.desc())))


def review_of(round_id: int, user_id: int) -> Review | None:
    return db.session.scalar(select(Review).where(Review.round_id == round_id, Review.user_id == user_id))


def can_review(viewer: User, review: Review) -> bool:
    """Reviewers: admins, and managers whose subtree holds the person's unit. Never the
    person themself, even when they manage it."""
    return viewer.id != review.user_id and viewer.role in (Role.MANAGER.value, Role.ADMIN.value) \
        and can_see_unit(viewer, review.user.unit)


def visible_rounds(viewer: User) -> list[ReviewRound]:
    """Rounds opened on units in the viewer's scope, or above it (a province round reaches a
    district manager's people too)."""
    inside = select(ReviewRound).join(Unit, Unit.id == ReviewRound.unit_id).where(unit_scope_filter(viewer))
    rounds = list(db.session.scalars(inside))
    if viewer.role == Role.MANAGER.value:
        above = db.session.scalars(select(ReviewRound).join(Unit, Unit.id == ReviewRound.unit_id)
                                   .where(Unit.path.in_(ancestor_paths(viewer.unit.path)[:-1])))
        rounds += list(above)
    return sorted(rounds, key=lambda r: (r.due_on, r.id), reverse=True)


def submissions(viewer: User, round_: ReviewRound) -> list[Review]:
    """The round's reviews handed in (or past that) by people in the viewer's scope."""
    return list(db.session.scalars(
        select(Review).join(User, User.id == Review.user_id).join(Unit, Unit.id == User.unit_id)
        .where(Review.round_id == round_.id, Review.status != ReviewStatus.DRAFT.value, unit_scope_filter(viewer),
               Review.user_id != viewer.id)
        .order_by(Unit.path, User.name_key)))


def certificates_in_period(user_id: int, period: str) -> list[Certificate]:
    """The person's certificates issued within the round's period: evidence listed for them."""
    first, last = period_bounds(period)
    return [c for c in db.session.scalars(select(Certificate).where(Certificate.user_id == user_id))
            if first <= c.issued_at.date() <= last]


def commendations(viewer: User | None, round_: ReviewRound) -> list:
    """The round's commendations of people and units in the viewer's scope (None: all)."""
    from sqlalchemy import or_
    from sqlalchemy.orm import aliased

    from app.reviews.models import Commendation

    person_unit = aliased(Unit)
    query = (select(Commendation).outerjoin(User, User.id == Commendation.user_id)
             .outerjoin(person_unit, person_unit.id == User.unit_id)
             .outerjoin(Unit, Unit.id == Commendation.unit_id)
             .where(Commendation.round_id == round_.id).order_by(Commendation.id))
    if viewer is not None:
        allowed = select(Unit.id).where(unit_scope_filter(viewer))
        query = query.where(or_(person_unit.id.in_(allowed), Unit.id.in_(allowed)))
    return list(db.session.scalars(query))
