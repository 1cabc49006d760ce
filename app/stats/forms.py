"""The filter form of the statistics pages (a GET form: nothing changes, no CSRF)."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, SelectField
from wtforms.validators import Optional

from app.labels import AUDIENCE_LABELS
from app.stats.figures import SORT_KEYS, Filters


class StatsFilterForm(Form):
    course = SelectField(_l("Course"), choices=[], validators=[Optional()])
    audience = SelectField(_l("Audience"), validators=[Optional()],
                           choices=[("", _l("All audiences"))] + [(k, v) for k, v in AUDIENCE_LABELS.items() if k != "all"])
    period = SelectField(_l("Assignments due"), validators=[Optional()], choices=[
        ("", _l("Any time")), ("year", _l("This year")), ("range", _l("Between the dates below"))])
    due_from = DateField(_l("From"), validators=[Optional()])
    due_to = DateField(_l("To"), validators=[Optional()])
    sort = SelectField(_l("Sort by"), validators=[Optional()], choices=[
        ("name", _l("Name")), ("assigned", _l("Assigned")), ("participation", _l("Participation rate")),
        ("completion", _l("Completion rate")), ("passed", _l("Pass rate")), ("overdue", _l("Overdue")),
        ("avg_score", _l("Average score"))])
    order = SelectField(_l("Order"), validators=[Optional()], choices=[
        ("", _l("Best first")), ("worst", _l("Worst first"))])

    def set_courses(self, courses) -> None:
        """Offer the courses that have assignments (slug → title)."""
        self.course.choices = [("", _l("All assigned courses"))] + [(c.slug, c.title) for c in courses]

    def filters(self, course_ids: dict[str, int], today: date) -> Filters:
        """The Filters the submitted values mean; unknown values count as 'all'."""
        self.validate()
        due_from = due_to = None
        if self.period.data == "year":
            due_from, due_to = date(today.year, 1, 1), date(today.year, 12, 31)
        elif self.period.data == "range" and not self.due_from.errors and not self.due_to.errors:
            due_from, due_to = self.due_from.data, self.due_to.data
        return Filters(course_id=course_ids.get(self.course.data or ""), audience=None if self.audience.errors else (self.audience.data or None),
                       due_from=due_from, due_to=due_to)

    @property
    def sort_key(self) -> str:
        return self.sort.data if self.sort.data in SORT_KEYS else "name"
