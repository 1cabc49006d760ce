"""The periodic report upward: a unit's figures for a period as an editable .docx and a PDF."""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")

from app.reports import routes  # noqa: E402,F401
