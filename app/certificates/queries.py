"""Read-only look-ups of certificates: by code, a learner's own, and a manager's scope."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from app.auth.models import User
from app.certificates.models import Certificate
from app.clock import to_site_time
from app.extensions import db
from app.auth.scope import user_scope_filter


def by_code(code: str) -> Certificate | None:
    """The certificate with this public code, its holder and course loaded."""
    if not code or len(code) > 64:
        return None
    return db.session.scalar(
        select(Certificate).options(joinedload(Certificate.user), joinedload(Certificate.course))
        .filter_by(code=code)
    )


def of_user(user_id: int) -> list[Certificate]:
    """A learner's certificates, newest first."""
    return list(db.session.scalars(
        select(Certificate).options(joinedload(Certificate.course))
        .filter_by(user_id=user_id).order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    ))


def of_user_in_course(user_id: int, course_id: int) -> Certificate | None:
    """The learner's certificate of one course, if it has been issued."""
    return db.session.scalar(select(Certificate).filter_by(user_id=user_id, course_id=course_id))


def in_scope(viewer: User, search: str = ""):
    """A SELECT of the certificates whose holders `viewer` may see, optionally searched by
    holder name, email or serial; newest first, holder and course loaded in the same query."""
    query = (
        select(Certificate).join(User, Certificate.user_id == User.id)
        .options(joinedload(Certificate.user).joinedload(User.unit), joinedload(Certificate.course))
        .where(user_scope_filter(viewer))
    )
    search = search.strip()
    if search:
        like = f"%{search.lower()}%"
        query = query.where(or_(db.func.lower(User.full_name).like(like), User.email.like(like),
                                db.func.lower(Certificate.serial).like(like)))
    return query.order_by(Certificate.issued_at.desc(), Certificate.id.desc())


def public_facts(certificate: Certificate) -> dict:
    """What the public verification page may show: no email, no score, no reason."""
    return {
        "status": certificate.status,
        "serial": certificate.serial,
        "holder": certificate.user.full_name,
        "course": certificate.course_title,
        "unit": certificate.unit_name,
        "issuer": certificate.issuer,
        "issued_at": to_site_time(certificate.issued_at).date().isoformat(),
        "revoked_at": to_site_time(certificate.revoked_at).date().isoformat() if certificate.revoked_at else None,
    }
