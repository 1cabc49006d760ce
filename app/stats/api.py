"""JSON API for other systems: a unit's figures and its children, with the site's scope rules.

Authenticated by the session cookie (log in first); GET only, so no CSRF token is needed.
"""
from flask import jsonify
from flask_login import current_user

from app.auth.access import MANAGERS, allow
from app.stats import api_bp
from app.stats.report import report_json, unit_report
from app.stats.view_setup import filter_form, visible_unit


@api_bp.route("/units/<code>")
@allow(*MANAGERS)
def unit(code):
    """Figures of a unit and of each child unit (whose `children` lists its own child codes)."""
    unit = visible_unit(code)
    _, filters = filter_form()
    return jsonify(report_json(unit_report(unit, filters, current_user)))
