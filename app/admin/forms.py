"""Forms of the administration pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, EmailField, SearchField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.auth.accounts import AUDIENCES, ROLES
from app.labels import AUDIENCE_LABELS, ROLE_LABELS, UNIT_KIND_LABELS
from app.units.services import KINDS
from app.auth.picker import UNIT_PICKER


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def role_choices(roles=ROLES):
    return [(r, ROLE_LABELS[r]) for r in roles]


AUDIENCE_CHOICES = [("", _l("None"))] + [(a, AUDIENCE_LABELS[a]) for a in AUDIENCES]
KIND_CHOICES = [(k, UNIT_KIND_LABELS.get(k, k)) for k in sorted(KINDS)]


class UserFilterForm(FlaskForm):
    """The search and filters above the list of accounts (GET, bookmarkable)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name or email"), validators=[Optional(), Length(max=100)], filters=[_strip])
    unit = StringField(_l("Unit code (with its sub-units)"), validators=[Optional(), Length(max=64)], filters=[_strip],
                       render_kw=UNIT_PICKER)
    role = SelectField(_l("Role"), choices=[("", _l("Any"))] + role_choices(), validate_choice=False)
    audience = SelectField(_l("Audience"), choices=[("", _l("Any"))] + AUDIENCE_CHOICES[1:], validate_choice=False)
    active = SelectField(_l("Status"), choices=[("", _l("Any")), ("yes", _l("Active")), ("no", _l("Deactivated"))],
                         validate_choice=False)


class UserForm(FlaskForm):
    """Edit an account; the role choices depend on who edits."""

    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=255)], filters=[_strip])
    role = SelectField(_l("Role"), choices=role_choices())
    audience = SelectField(_l("Audience"), choices=AUDIENCE_CHOICES)
    unit_code = StringField(_l("Unit code"), validators=[DataRequired(), Length(max=64)], filters=[_strip],
                            render_kw=UNIT_PICKER)


class NewUserForm(UserForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)], filters=[_strip])


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=64)], filters=[_strip])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=255)], filters=[_strip])
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES)
    parent_code = StringField(_l("Parent unit code (empty: a top-level unit)"), validators=[Optional(), Length(max=64)],
                              filters=[_strip], render_kw=UNIT_PICKER)


class UnitEditForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=255)], filters=[_strip])
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES)


class UnitMoveForm(FlaskForm):
    parent_code = StringField(_l("New parent unit code (empty: top level)"), validators=[Optional(), Length(max=64)],
                              filters=[_strip], render_kw=UNIT_PICKER)


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or XLSX file"), validators=[FileRequired(), FileAllowed(["csv", "xlsx"], _l("Choose a .csv or .xlsx file."))])


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    actor = StringField(_l("Actor email"), validators=[Optional(), Length(max=254)], filters=[_strip])
    action = StringField(_l("Action (e.g. user. or unit.move)"), validators=[Optional(), Length(max=64)], filters=[_strip])
    target_type = StringField(_l("Target type"), validators=[Optional(), Length(max=32)], filters=[_strip])
    target_id = StringField(_l("Target id or code"), validators=[Optional(), Length(max=64)], filters=[_strip])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
