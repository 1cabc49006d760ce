"""Creating accounts one by one or in bulk, with the same rules everywhere."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from zxcvbn import zxcvbn

from app.auth.models import Audience, Role, User
from app.auth.services import normalise_email
from app.extensions import db
from app.labels import AUDIENCE_LABELS, ROLE_LABELS, code_for
from app.tabular import RowError, require_columns
from app.units.models import Unit
from app.messages import M

ROLES = [r.value for r in Role]
AUDIENCES = [a.value for a in Audience]
MIN_PASSWORD = 8
#: zxcvbn's score (0-4): below 2 a password falls to under 10^6 guesses, which is what the
#: common-password lists and their easy variations (password1, P@ssw0rd, qwerty123) are.
MIN_PASSWORD_SCORE = 2
#: Words of this site and language that zxcvbn's (English) lists lack.
SITE_WORDS = ("integrity", "academy", "liemchinh", "hocvien", "hocvienliemchinh", "matkhau", "vietnam",
              "hanoi", "saigon", "admin", "quantri")


class AccountError(ValueError):
    """A field that breaks the account rules; `field` names it for the form or the file."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def is_guessable(password: str, about: tuple[str, ...] = ()) -> bool:
    """A common password or a small change of one (from zxcvbn's bundled lists), or built from
    the site's words or the person's own email and name (`about`)."""
    inputs = [*SITE_WORDS, *(part for text in about for part in text.lower().replace("@", " ").split() if part)]
    return zxcvbn(password[:128], user_inputs=inputs)["score"] < MIN_PASSWORD_SCORE


def password_problem(password: str, about: tuple[str, ...] = ()) -> str | None:
    """Why a password is too weak, or None. `about`: the account's email and name, if known."""
    if len(password) < MIN_PASSWORD:
        return M("password must have at least %(n)s characters", n=MIN_PASSWORD)
    if password.isdigit() or password.isalpha():
        return M("password must mix letters with digits or symbols")
    if is_guessable(password, about):
        return M("password is too common or too easy to guess (like password1); choose another")
    return None


def check_account(email: str, full_name: str, role: str, audience: str | None,
                  password: str | None) -> list[AccountError]:
    """Everything wrong with one account's fields, without touching the database."""
    errors = []
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        errors.append(AccountError("email", M("'%(email)s' is not a valid email address", email=email)))
    if not full_name.strip():
        errors.append(AccountError("full_name", M("full name is empty")))
    elif len(full_name) > 255:
        errors.append(AccountError("full_name", M("full name is longer than 255 characters")))
    if role not in ROLES:
        errors.append(AccountError("role", M("unknown role '%(role)s' (known: %(roles)s)", role=role, roles=', '.join(ROLES))))
    if audience and audience not in AUDIENCES:
        errors.append(AccountError("audience", M("unknown audience '%(audience)s' (known: %(audiences)s)", audience=audience, audiences=', '.join(AUDIENCES))))
    if role == Role.LEARNER.value and not audience:
        errors.append(AccountError("audience", M("a learner needs an audience")))
    if password:
        problem = password_problem(password, (email, full_name))
        if problem:
            errors.append(AccountError("password", problem))
    return errors


def create_user(email: str, full_name: str, role: str, unit: Unit, audience: str | None = None,
                password: str | None = None) -> User:
    """Add one account. Raises AccountError; flushes, never commits."""
    email = normalise_email(email)
    errors = check_account(email, full_name, role, audience, password)
    if errors:
        raise errors[0]
    if db.session.scalar(select(User.id).filter_by(email=email)) is not None:
        raise AccountError("email", M("an account with email '%(email)s' already exists", email=email))
    user = User(email=email, full_name=full_name.strip(), role=role, audience=audience or None, unit=unit)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def check_user_rows(records: list[tuple[int, dict[str, str]]], names: list[str]) -> tuple[list[dict], list[RowError]]:
    """Validate rows of email,full_name,unit_code,role,audience[,password].

    A row whose email already has an account with the same details is kept and changes
    nothing, so importing the same file twice is harmless.
    """
    names = [_alias(n) for n in names]
    errors = require_columns(names, ["email", "full_name", "unit_code"])
    if errors:
        return [], errors
    units = dict(db.session.execute(select(Unit.code, Unit.id)).all())
    seen: dict[str, int] = {}
    rows = []
    for number, raw in records:
        record = {_alias(k): v for k, v in raw.items()}
        if "\0extra" in record:
            errors.append(RowError(number, "", M("the row has more cells than the header names")))
        email = normalise_email(record.get("email", ""))
        # The labels the interface shows are accepted too ('Học viên', 'Cán bộ, công chức').
        raw_role, raw_audience = record.get("role") or Role.LEARNER.value, record.get("audience") or ""
        role = code_for(ROLE_LABELS, raw_role) or raw_role.lower()
        audience = code_for(AUDIENCE_LABELS, raw_audience) or raw_audience.lower() or None
        for error in check_account(email, record.get("full_name", ""), role, audience, record.get("password") or None):
            errors.append(RowError(number, error.field, error.message))
        unit_code = record.get("unit_code", "")
        if unit_code not in units:
            errors.append(RowError(number, "unit_code", M("unknown unit '%(unit_code)s'", unit_code=unit_code)))
        if email in seen:
            errors.append(RowError(number, "email", M("'%(email)s' also appears on row %(row)s", email=email, row=seen[email])))
        seen[email] = number
        rows.append({"row": number, "email": email, "full_name": record.get("full_name", "").strip(),
                     "role": role, "audience": audience, "unit_id": units.get(unit_code),
                     "password": record.get("password") or None})
    return rows, errors


def _alias(name: str) -> str:
    return {"name": "full_name", "unit": "unit_code", "họ và tên": "full_name", "mật khẩu": "password",
            "mã đơn vị": "unit_code", "vai trò": "role", "đối tượng": "audience"}.get(name, name)


def import_users(rows: list[dict], progress=None) -> dict[str, int]:
    """Create new accounts and update changed ones from checked rows. Flushes, never commits."""
    existing = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_([r["email"] for r in rows])))}
    created = updated = 0
    for row in rows:
        user = existing.get(row["email"])
        if user is None:
            user = User(email=row["email"], full_name=row["full_name"], role=row["role"],
                        audience=row["audience"], unit_id=row["unit_id"])
            if row["password"]:
                user.set_password(row["password"])
            db.session.add(user)
            created += 1
        else:
            new = (row["full_name"], row["role"], row["audience"], row["unit_id"])
            if (user.full_name, user.role, user.audience, user.unit_id) != new:
                user.full_name, user.role, user.audience, user.unit_id = new
                updated += 1
        if progress:
            progress(1)
    db.session.flush()
    return {"created": created, "updated": updated, "unchanged": len(rows) - created - updated}
