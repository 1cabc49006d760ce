"""`GET /api/v1/reviews/units/<code>?round=<id>`: a round's figures for a unit and its children.

Counts only, never a person's rating; managers see their subtree, admins everything.
"""
from flask import abort, jsonify, request
from flask_login import current_user
from sqlalchemy import select

from app.auth.access import MANAGERS, allow, require
from app.clock import today
from app.extensions import db
from app.reviews import api_bp
from app.reviews.counts import as_json, rolled_up
from app.reviews.models import ReviewRound
from app.stats.queries import children_of
from app.units.models import Unit
from app.auth.scope import can_see_unit


@api_bp.route("/units/<code>")
@allow(*MANAGERS)
def unit(code):
    """Figures of the unit's subtree and of each child's subtree for one round."""
    found = db.session.scalar(select(Unit).where(Unit.code == code))
    round_ = db.session.get(ReviewRound, request.args.get("round", type=int) or 0)
    if found is None or round_ is None:
        abort(404)
    require(can_see_unit(current_user, found))
    children = children_of(found)
    total, by_child = rolled_up(round_, found, children, today())
    body = as_json(found, total)
    body["children"] = [as_json(child, figures) for child, figures in zip(children, by_child)]
    return jsonify(body)
