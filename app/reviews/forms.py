"""The form that opens a review round."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.labels import AUDIENCE_LABELS
from app.auth.picker import UNIT_PICKER


class RoundForm(FlaskForm):
    form_slug = SelectField(_l("Review form"), choices=[], validators=[DataRequired()])
    unit_code = StringField(_l("Unit code"), validators=[DataRequired(), Length(max=64)],
                            filters=[lambda v: v.strip() if v else v], render_kw=UNIT_PICKER)
    audience = SelectField(_l("Audience"), choices=[(k, v) for k, v in AUDIENCE_LABELS.items() if k != "all"])
    period = StringField(_l("Period (2026, 2026-H1, 2026-Q3)"), validators=[DataRequired(), Length(max=16)],
                         filters=[lambda v: v.strip() if v else v])
    due_on = DateField(_l("Due date"), validators=[DataRequired()])
    submit = SubmitField(_l("Open the round"))
