"""Review pages: the person's own review, opening rounds, and the unit's assessment."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.auth.access import LOGGED_IN, MANAGERS, allow, require
from app.auth.models import Role
from app.extensions import db
from app.reviews import bp, services
from app.reviews.catalog import forms, guidance_html
from app.reviews.forms import RoundForm
from app.reviews.models import Review, ReviewRound, ReviewStatus
from app.reviews.queries import (can_review, certificates_in_period, covers, review_of, rounds_for, submissions,
                                 visible_rounds)
from app.units.models import Unit
from app.auth.scope import can_see_unit


def _form_of(round_: ReviewRound):
    form = forms().get(round_.form_slug)
    if form is None:  # the file is broken or gone: say so instead of failing
        abort(404)
    return form


def _round(round_id: int) -> ReviewRound:
    round_ = db.session.get(ReviewRound, round_id)
    if round_ is None:
        abort(404)
    return round_


def _reason(exc: services.ReviewError) -> str:
    """The person-facing words for a refused step (the service speaks English to logs)."""
    if exc.field == "answers":
        return _("Rate and explain every criterion and answer every question first: %(missing)s",
                 missing=str(exc).split(": ", 1)[-1])
    reasons = {
        "status": _("This review cannot take that step in its current state."),
        "overall_rating": _("Record the overall rating before signing off."),
        "comment": _("Say what to revise."),
        "audience": _("This form is not meant for that audience."),
        "period": _("The period must suit the form: 2026 for a yearly form, 2026-H1 half-yearly, 2026-Q3 quarterly."),
    }
    return reasons.get(exc.field, str(exc))


def _answers_from(form, values) -> dict:
    """Answers from posted fields named `<item id>-<part>`."""
    return {item.id: {part: values.get(f"{item.id}-{part}", "") for part in ("rating", "account", "evidence", "text")}
            for item in form.items()}


@bp.route("/")
@allow(LOGGED_IN)
def index():
    """The viewer's own reviews; for managers and admins also the rounds in their scope."""
    mine = [(r, review_of(r.id, current_user.id)) for r in rounds_for(current_user)]
    rounds = visible_rounds(current_user) if current_user.role in MANAGERS else []
    return render_template("reviews/index.html", mine=mine, rounds=rounds, forms=forms())


@bp.route("/rounds/new", methods=["GET", "POST"])
@allow(*MANAGERS)
def new_round():
    """Open a round of a form for a unit subtree in the viewer's scope."""
    form = RoundForm()
    form.form_slug.choices = [(slug, f.title) for slug, f in sorted(forms().items())]
    if form.validate_on_submit():
        unit = db.session.scalar(select(Unit).where(Unit.code == form.unit_code.data))
        if unit is None or not can_see_unit(current_user, unit):
            form.unit_code.errors.append(_("No unit with this code in your part of the tree."))
        else:
            try:
                services.open_round(current_user, forms()[form.form_slug.data], unit, form.audience.data,
                                    form.period.data, form.due_on.data)
            except services.ReviewError as exc:
                getattr(form, exc.field).errors.append(_reason(exc))
            else:
                db.session.commit()
                flash(_("Review round opened."), "success")
                return redirect(url_for("reviews.index"))
    return render_template("reviews/round_form.html", form=form), 400 if form.errors else 200


def _own(round_id: int) -> tuple[ReviewRound, Review]:
    """The round and the viewer's own review in it (created on first visit, so that autosave
    always has a row to write to)."""
    round_ = _round(round_id)
    require(covers(round_, current_user))
    review = review_of(round_.id, current_user.id)
    if review is None:
        review = Review(round_id=round_.id, user_id=current_user.id, status=ReviewStatus.DRAFT.value, answers={}, verdict={})
        db.session.add(review)
        db.session.flush()
    return round_, review


@bp.route("/rounds/<int:round_id>/mine", methods=["GET", "POST"])
@allow(Role.LEARNER)
def mine(round_id):
    """Write one's own review: Save keeps the draft, Submit hands it to the unit."""
    round_, review = _own(round_id)
    form = _form_of(round_)
    status = 200
    if request.method == "POST":
        try:
            services.save_draft(review, form, _answers_from(form, request.form))
            if request.form.get("action") == "submit":
                services.submit(current_user, review, form)
                flash(_("Your review was submitted to your unit."), "success")
            else:
                flash(_("Draft saved."), "success")
        except services.ReviewError as exc:
            db.session.commit()  # keep the saved text even when submitting is refused
            flash(_reason(exc), "error")
            status = 400
        else:
            db.session.commit()
            return redirect(url_for("reviews.mine", round_id=round_id))
    db.session.commit()
    return render_template("reviews/mine.html", round=round_, review=review, form=form, guidance=guidance_html,
                           certificates=certificates_in_period(current_user.id, round_.period),
                           editable=review.status in services.EDITABLE), status


@bp.route("/rounds/<int:round_id>/mine/autosave", methods=["POST"])
@allow(Role.LEARNER)
def autosave(round_id):
    """Save the draft as the person types (fetch from review.js); JSON in and out."""
    round_, review = _own(round_id)
    form = _form_of(round_)
    try:
        services.save_draft(review, form, _answers_from(form, request.form))
    except services.ReviewError as exc:
        db.session.rollback()
        return jsonify(error=_reason(exc)), 409
    db.session.commit()
    return jsonify(saved=review.updated_at.isoformat(timespec="seconds"))


@bp.route("/rounds/<int:round_id>")
@allow(*MANAGERS)
def round_page(round_id):
    """The submissions of a round from the viewer's part of the tree."""
    round_ = _round(round_id)
    reviews = submissions(current_user, round_)
    require(round_ in visible_rounds(current_user))
    return render_template("reviews/round.html", round=round_, reviews=reviews, form=forms().get(round_.form_slug))


def _reviewable(review_id: int) -> Review:
    review = db.session.get(Review, review_id)
    if review is None or review.status == ReviewStatus.DRAFT.value:
        abort(404)  # a draft is the person's alone
    require(can_review(current_user, review))
    return review


@bp.route("/<int:review_id>", methods=["GET", "POST"])
@allow(*MANAGERS)
def assess(review_id):
    """Read a submission; record the collective's verdict, return it, or sign it off."""
    review = _reviewable(review_id)
    form = _form_of(review.round)
    status = 200
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "return":
                services.return_review(current_user, review, request.form.get("comment", ""))
            else:
                verdict = {item.id: {"rating": request.form.get(f"v-{item.id}-rating", ""),
                                     "opinion": request.form.get(f"v-{item.id}-opinion", "")} for item in form.criteria()}
                services.record_verdict(current_user, review, form, verdict, request.form.get("opinion", ""),
                                        request.form.get("overall_rating", ""))
                if action == "sign_off":
                    services.sign_off(current_user, review)
        except services.ReviewError as exc:
            db.session.rollback()
            flash(_reason(exc), "error")
            status = 400
        else:
            db.session.commit()
            flash(_("Review updated."), "success")
            return redirect(url_for("reviews.assess", review_id=review.id))
    return render_template("reviews/assess.html", review=review, form=form, guidance=guidance_html,
                           certificates=certificates_in_period(review.user_id, review.round.period)), status


@bp.route("/<int:review_id>/pdf")
@allow(LOGGED_IN)
def pdf(review_id):
    """A signed-off review as a PDF for the personnel file: the person and their reviewers."""
    from app.reviews.pdf import render_review

    review = db.session.get(Review, review_id)
    if review is None or review.status != ReviewStatus.SIGNED_OFF.value:
        abort(404)
    require(review.user_id == current_user.id or can_review(current_user, review))
    labels = {"person": _("Person"), "unit": _("Unit"), "period": _("Period"), "submitted": _("Submitted on"),
              "self_rating": _("Self-assessment"), "final_rating": _("Final rating"), "evidence": _("Evidence"),
              "collective": _("Opinion of the collective"), "overall": _("Overall rating"),
              "signed_off": _("Signed off by")}
    body = render_review(review, _form_of(review.round), labels)
    return body, 200, {"Content-Type": "application/pdf",
                       "Content-Disposition": f'attachment; filename="tu-kiem-diem-{review.id}.pdf"'}
