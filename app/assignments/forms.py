"""The assignment form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.clock import today
from app.labels import AUDIENCE_LABELS
from app.auth.picker import UNIT_PICKER


class AssignmentForm(FlaskForm):
    course = SelectField(_l("Course"), choices=[], validators=[DataRequired()])
    unit_code = StringField(_l("Unit code"), validators=[DataRequired(), Length(max=64)],
                            filters=[lambda v: v.strip() if v else v], render_kw=UNIT_PICKER)
    audience = SelectField(_l("Audience"), choices=[("", _l("Every audience"))] + [
        (k, v) for k, v in AUDIENCE_LABELS.items() if k != "all"])
    starts_on = DateField(_l("Start date"), validators=[DataRequired()], default=today)
    due_on = DateField(_l("Due date"), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))
