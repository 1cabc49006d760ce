"""Request-wide wiring: locale, login, access rule, security headers, error pages."""
from __future__ import annotations

import logging

from flask import Flask, current_app, has_request_context, render_template, request, session
from flask_babel import gettext, lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.routing import IntegerConverter

from app.auth.access import enforce_access
from app.auth.services import load_user
from app.extensions import db, login_manager
from app.labels import template_helpers
from app.messages import translated
from app.nav import nav_items

log = logging.getLogger(__name__)

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def select_locale() -> str:
    """The language the person chose (?lang= or the switcher), else Vietnamese; outside a request
    (a job on a consumer) Vietnamese unless the job forces its starter's (flask_babel.force_locale)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    return chosen_locale(current_app.config, request.args.get("lang") or session.get("lang"))


def chosen_locale(config, chosen: str | None) -> str:
    return chosen if chosen in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]


class DatabaseInt(IntegerConverter):
    """`<int:…>` in a URL: a number the database can hold (SQLite refuses integers past
    2**63 - 1 with an error, not a miss), so a 40-digit id is a 404, not a 500."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = 2**63 - 1,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def security_headers(config) -> list[tuple[str, str]]:
    """The headers every response carries (a view may set its own instead)."""
    headers = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    if config.get("SESSION_COOKIE_SECURE"):
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return headers


def _security_headers(response):
    for name, value in security_headers(current_app.config):
        response.headers.setdefault(name, value)
    return response


def _error_page(status: int, title, message):
    def handler(error):
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            return {"error": str(title), "status": status}, status
        return render_template("error.html", status=status, title=title, message=message), status
    return handler


def init_app(app: Flask) -> None:
    """Hook the request-wide behaviour into `app`."""
    app.url_map.converters["int"] = DatabaseInt  # before any blueprint adds its routes
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(enforce_access)
    app.after_request(_security_headers)

    errors = {
        400: (_l("Bad request"), _l("The request could not be understood.")),
        401: (_l("Login required"), _l("Log in to use this address.")),
        403: (_l("Access denied"), _l("You do not have permission to open this page.")),
        404: (_l("Page not found"), _l("The page you asked for does not exist.")),
        405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
        413: (_l("File too large"), _l("The uploaded file is larger than the site accepts.")),
        429: (_l("Too many requests"), _l("Too many attempts. Please wait a minute and try again.")),
        500: (_l("Something went wrong"), _l("The server could not finish your request. Nothing was saved.")),
    }
    for status, (title, message) in errors.items():
        app.register_error_handler(status, _error_page(status, title, message))
    app.register_error_handler(CSRFError, _error_page(
        400, _l("Form expired"), _l("The form was missing its security token or it expired. Go back, reload the page and try again.")))

    busy = _error_page(503, _l("Service busy"), _l("The database is busy or unavailable. Nothing was saved; please try again in a moment."))

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        db.session.rollback()
        log.exception("database error")
        return busy(error)

    # Messages from Flask-free checks (app/messages.py) reach the page in the reader's language.
    app.add_template_filter(lambda text: translated(text, gettext), "tr")

    @app.context_processor
    def inject_languages():
        from flask_babel import get_locale
        return {"languages": current_app.config["LANGUAGES"], "current_locale": str(get_locale()),
                "nav_items": nav_items(), **template_helpers()}
