"""Opening rounds and moving a review through its life; every step is audited. Flush only."""
from __future__ import annotations

from datetime import date

from app.audit.services import record, snapshot
from app.clock import utcnow
from app.extensions import db
from app.reviews.form import ReviewForm
from app.reviews.models import Review, ReviewRound, ReviewStatus
from app.reviews.periods import fits

ROUND_FIELDS = ["form_slug", "unit_id", "audience", "period", "due_on"]
REVIEW_FIELDS = ["status", "overall_rating", "return_comment"]
#: The person may change their text only in these states.
EDITABLE = (ReviewStatus.DRAFT.value, ReviewStatus.RETURNED.value)
TEXT_LIMIT = 5000


class ReviewError(ValueError):
    """A change a round or review cannot take; `field` names what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def open_round(actor, form: ReviewForm, unit, audience: str, period: str, due_on: date) -> ReviewRound:
    """Open a round of `form` for the subtree of `unit`, one audience and period."""
    if audience not in form.audiences:
        raise ReviewError("audience", f"the form '{form.slug}' is not for the audience '{audience}'")
    try:
        if not fits(form.period, period):
            raise ReviewError("period", f"period '{period}' does not suit a {form.period} form")
    except ValueError as exc:
        if isinstance(exc, ReviewError):
            raise
        raise ReviewError("period", str(exc)) from None
    round_ = ReviewRound(form_slug=form.slug, unit_id=unit.id, audience=audience, period=period, due_on=due_on,
                         created_by_id=getattr(actor, "id", None), created_at=utcnow())
    db.session.add(round_)
    db.session.flush()
    record(actor, "review_round.open", "review_round", round_.id, None, snapshot(round_, ROUND_FIELDS))
    return round_


def _clean(value, limit: int = TEXT_LIMIT) -> str:
    return str(value or "").strip()[:limit]


def clean_answers(form: ReviewForm, data: dict) -> dict:
    """The person's answers keyed by the form's items, ratings limited to the scale; unknown
    keys and ratings are dropped, so a stale page cannot store what the form does not ask."""
    answers = {}
    for item in form.items():
        given = data.get(item.id) or {}
        if item.prompt:
            answers[item.id] = {"text": _clean(given.get("text"))}
        else:
            rating = given.get("rating") if given.get("rating") in form.scale else ""
            answers[item.id] = {"rating": rating, "account": _clean(given.get("account")),
                                "evidence": _clean(given.get("evidence"))}
    return answers


def save_draft(review: Review, form: ReviewForm, data: dict) -> Review:
    """Store the person's text as it stands (autosave and the Save button both land here)."""
    if review.status not in EDITABLE:
        raise ReviewError("status", "this review can no longer be changed")
    review.answers = clean_answers(form, data)
    review.updated_at = utcnow()
    db.session.flush()
    return review


def missing_items(review: Review, form: ReviewForm) -> list[str]:
    """Titles of the criteria without a rating or account, and of the empty prompts."""
    missing = []
    for item in form.items():
        given = (review.answers or {}).get(item.id, {})
        if item.prompt and not given.get("text") or not item.prompt and not (given.get("rating") and given.get("account")):
            missing.append(item.title)
    return missing


def _step(actor, review: Review, action: str, change) -> Review:
    before = snapshot(review, REVIEW_FIELDS)
    change()
    review.updated_at = utcnow()
    db.session.flush()
    record(actor, action, "review", review.id, before, snapshot(review, REVIEW_FIELDS))
    return review


def submit(actor, review: Review, form: ReviewForm) -> Review:
    """Hand the review to the unit: every criterion rated and explained, every prompt answered."""
    if review.status not in EDITABLE:
        raise ReviewError("status", "this review has already been submitted")
    if missing := missing_items(review, form):
        raise ReviewError("answers", "not answered yet: " + "; ".join(missing))

    def change():
        review.status = ReviewStatus.SUBMITTED.value
        review.submitted_at = utcnow()
    return _step(actor, review, "review.submit", change)


def record_verdict(actor, review: Review, form: ReviewForm, data: dict, opinion: str, overall: str) -> Review:
    """The collective's opinion and rating per criterion and overall, on a submitted review."""
    if review.status != ReviewStatus.SUBMITTED.value:
        raise ReviewError("status", "only a submitted review can be assessed")
    if overall and overall not in form.scale:
        raise ReviewError("overall_rating", f"'{overall}' is not on the form's scale")
    verdict = {}
    for item in form.criteria():
        given = data.get(item.id) or {}
        rating = given.get("rating") if given.get("rating") in form.scale else ""
        verdict[item.id] = {"rating": rating, "opinion": _clean(given.get("opinion"))}

    def change():
        review.verdict = verdict
        review.opinion = _clean(opinion)
        review.overall_rating = overall or None
    return _step(actor, review, "review.assess", change)


def return_review(actor, review: Review, comment: str) -> Review:
    """Send a submitted review back to the person for revision, saying why."""
    if review.status != ReviewStatus.SUBMITTED.value:
        raise ReviewError("status", "only a submitted review can be returned")
    if not _clean(comment):
        raise ReviewError("comment", "say what to revise")

    def change():
        review.status = ReviewStatus.RETURNED.value
        review.return_comment = _clean(comment)
    return _step(actor, review, "review.return", change)


def sign_off(actor, review: Review) -> Review:
    """Close a submitted, assessed review for good: nobody can change it after this."""
    if review.status != ReviewStatus.SUBMITTED.value:
        raise ReviewError("status", "only a submitted review can be signed off")
    if not review.overall_rating:
        raise ReviewError("overall_rating", "record the overall rating before signing off")

    def change():
        review.status = ReviewStatus.SIGNED_OFF.value
        review.signed_off_at = utcnow()
        review.signed_off_by_id = actor.id
    return _step(actor, review, "review.sign_off", change)


def commend(actor, round_: ReviewRound, reason: str, user=None, unit=None):
    """Propose an exemplary person or unit of the round for commendation, saying why."""
    from app.reviews.models import Commendation

    if (user is None) == (unit is None):
        raise ReviewError("target", "name one person or one unit")
    if not _clean(reason):
        raise ReviewError("reason", "say why")
    commendation = Commendation(round_id=round_.id, user_id=getattr(user, "id", None), unit_id=getattr(unit, "id", None),
                                reason=_clean(reason), created_by_id=getattr(actor, "id", None), created_at=utcnow())
    db.session.add(commendation)
    db.session.flush()
    record(actor, "review.commend", "review_round", round_.id, None,
           {"user_id": commendation.user_id, "unit_id": commendation.unit_id, "reason": commendation.reason})
    return commendation
