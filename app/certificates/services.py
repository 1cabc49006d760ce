"""Issuing, revoking and reinstating certificates. They flush; the caller commits."""
from __future__ import annotations

import secrets
import subprocess
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.audit.services import record, snapshot
from app.auth.models import User
from app.certificates.models import Certificate, CertificateStatus
from app.clock import utcnow
from app.courses import loader
from app.courses.models import Enrollment
from app.extensions import db

AUDIT_FIELDS = ["status", "revoked_at", "revoked_by_id", "revoke_reason"]


def new_code() -> str:
    """An unguessable public code: 20 random bytes (160 bits), URL-safe, starting with a letter
    or digit (a code starting with "-" reads as an option to `flask certificates pdf CODE`)."""
    while True:
        code = secrets.token_urlsafe(20)
        if code[0].isalnum():
            return code


def serial_for(year: int, certificate_id: int) -> str:
    """The human serial number, e.g. IA-2026-000123."""
    return f"IA-{year}-{certificate_id:06d}"


@lru_cache(maxsize=256)
def git_commit_of(directory: str, content_hash: str) -> str | None:
    """HEAD of the git checkout holding `directory`, None when it is not one.

    Cached per content version: the same files at the same hash came from the same commit
    as far as a certificate is concerned, and git is not run on every completion.
    """
    try:
        result = subprocess.run(["git", "-C", directory, "rev-parse", "HEAD"], capture_output=True,
                                text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and len(commit) == 40 else None


def certificate_for(user_id: int, course_id: int) -> Certificate | None:
    return db.session.scalar(select(Certificate).filter_by(user_id=user_id, course_id=course_id))


def issue_certificate(enrollment: Enrollment, course: loader.Course) -> Certificate | None:
    """The learner's certificate for a completed course: issued on first call, then reused."""
    if not course.certificate or enrollment.completed_at is None:
        return None
    existing = certificate_for(enrollment.user_id, enrollment.course_id)
    if existing is not None:
        return existing
    user = db.session.get(User, enrollment.user_id)
    content_hash = enrollment.completed_hash or course.content_hash
    code = new_code()
    certificate = Certificate(
        serial=f"pending-{code[:24]}", code=code, user_id=user.id, course_id=enrollment.course_id,
        issued_at=enrollment.completed_at, score=enrollment.best_score, content_hash=content_hash,
        git_commit=git_commit_of(current_app.config["COURSES_DIR"], content_hash),
        course_title=course.title, unit_name=user.unit.name if user.unit else "",
        issuer=course.issuer or current_app.config["CERTIFICATE_ISSUER"],
        status=CertificateStatus.VALID.value,
    )
    try:
        with db.session.begin_nested():  # a racing request may have issued it a moment ago
            db.session.add(certificate)
            db.session.flush()
    except IntegrityError:
        return certificate_for(enrollment.user_id, enrollment.course_id)
    certificate.serial = serial_for(certificate.issued_at.year, certificate.id)
    db.session.flush()
    record(None, "certificate.issue", "certificate", certificate.serial, None,
           {"user_id": user.id, "course": course.slug, "code": code})
    return certificate


def on_course_completed(sender: loader.Course, enrollment: Enrollment, **_) -> None:
    """Receiver of courses.signals.course_completed: issue the certificate if the course gives one."""
    issue_certificate(enrollment, sender)


def revoke(certificate: Certificate, actor: User, reason: str) -> Certificate:
    """Withdraw a certificate; the verify page and credential status say so at once."""
    before = snapshot(certificate, AUDIT_FIELDS)
    certificate.status = CertificateStatus.REVOKED.value
    certificate.revoked_at = utcnow()
    certificate.revoked_by_id = getattr(actor, "id", None)
    certificate.revoke_reason = reason.strip()
    db.session.flush()
    record(actor, "certificate.revoke", "certificate", certificate.serial, before, snapshot(certificate, AUDIT_FIELDS))
    return certificate


def reinstate(certificate: Certificate, actor: User, reason: str) -> Certificate:
    """Make a revoked certificate valid again; the reason goes to the audit trail."""
    before = snapshot(certificate, AUDIT_FIELDS)
    certificate.status = CertificateStatus.VALID.value
    certificate.revoked_at = None
    certificate.revoked_by_id = None
    certificate.revoke_reason = None
    db.session.flush()
    after = snapshot(certificate, AUDIT_FIELDS) | {"reason": reason.strip()}
    record(actor, "certificate.reinstate", "certificate", certificate.serial, before, after)
    return certificate
