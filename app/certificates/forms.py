"""Forms of the certificates area."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length


class ReasonForm(FlaskForm):
    """Revoking or reinstating a certificate: the reason goes to the audit trail."""

    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Confirm"))
