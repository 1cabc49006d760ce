"""Who may open which view: one declaration per view, enforced on every request.

Every endpoint must declare its rule with `@allow(...)`; a view without one is refused
(default deny), and the authorisation test walks the URL map to prove it.
"""
from __future__ import annotations

from flask import abort, current_app, request
from flask_login import current_user

from app.auth.models import Role

PUBLIC = "public"
LOGGED_IN = "logged_in"
STAFF = (Role.TRAINER.value, Role.MANAGER.value, Role.ADMIN.value)
MANAGERS = (Role.MANAGER.value, Role.ADMIN.value)
AUTHORS = (Role.TRAINER.value, Role.ADMIN.value)


def allow(*rules: str | Role):
    """Declare who may open a view: PUBLIC, LOGGED_IN, or role names."""
    names = frozenset(r.value if isinstance(r, Role) else r for r in rules)

    def decorate(view):
        view.access_rule = names
        return view

    return decorate


def rule_of(endpoint: str | None, app=None) -> frozenset[str] | None:
    """The declared rule of an endpoint's view (of `app`, else the current app), None when it
    declared none."""
    if endpoint is None:
        return None
    if endpoint == "static" or endpoint.endswith(".static"):
        return frozenset({PUBLIC})
    view = (app or current_app).view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def is_allowed(rule: frozenset[str], user) -> bool:
    if PUBLIC in rule:
        return True
    if not user.is_authenticated:
        return False
    return LOGGED_IN in rule or user.role in rule


def enforce_access():
    """before_request hook: anonymous → login page (401 on the API), wrong role → 403, no rule → 403."""
    if request.endpoint is None:  # 404 and 405 are answered by Flask itself
        return None
    rule = rule_of(request.endpoint)
    if rule is None:
        abort(403)
    if is_allowed(rule, current_user):
        return None
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)  # another system gets a status to act on, not a login page
        return current_app.login_manager.unauthorized()
    abort(403)


def require(condition: bool) -> None:
    """Refuse the request (403) unless an object-level check holds."""
    if not condition:
        abort(403)

