"""Editor forms. Every one carries the version it was based on where a file is written."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, HiddenField, IntegerField, SelectField, SelectMultipleField,
                     StringField, TextAreaField, widgets)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from app.courses.loader import ALL_AUDIENCES, AUDIENCES
from app.labels import AUDIENCE_LABELS


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes, which read better than a multi-select on a phone."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CourseSettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    audiences = CheckboxesField(_l("Audiences"), validators=[DataRequired()],
                                choices=[(a, AUDIENCE_LABELS[a]) for a in (ALL_AUDIENCES, *AUDIENCES)])
    language = SelectField(_l("Language"), choices=[("vi", "Tiếng Việt"), ("en", "English")])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=1000)])
    estimated_minutes = IntegerField(_l("Estimated minutes"), validators=[Optional(), NumberRange(1, 10000)])
    pass_mark = IntegerField(_l("Pass mark (%)"), default=70, validators=[NumberRange(0, 100)])
    certificate = BooleanField(_l("Issue a certificate on completion"), default=True)
    maintainers = TextAreaField(_l("Maintainers (e-mails, one per line)"))
    intro = TextAreaField(_l("Introduction (Markdown)"))
    version = HiddenField()


class NewCourseForm(CourseSettingsForm):
    folder = StringField(_l("Folder name"), validators=[
        DataRequired(), Regexp(r"\A[a-z0-9][a-z0-9-]{0,63}\Z", message=_l("Lower-case letters, digits and '-' only."))])


class FileForm(FlaskForm):
    text = TextAreaField(_l("Markdown"))
    version = HiddenField()


class NewLessonForm(FlaskForm):
    title = StringField(_l("Lesson title"), validators=[DataRequired(), Length(max=200)])
    slug = StringField(_l("Lesson id (optional)"), validators=[
        Optional(), Regexp(r"\A[a-z0-9][a-z0-9-]{0,47}\Z", message=_l("Lower-case letters, digits and '-' only."))])


class TitleForm(FlaskForm):
    title = StringField(_l("New title"), validators=[DataRequired(), Length(max=200)])
    version = HiddenField()


class LayoutForm(FlaskForm):
    """Move or remove a lesson; `version` is the lesson list the page showed."""

    version = HiddenField()
    direction = HiddenField()


class PublishForm(FlaskForm):
    summary = StringField(_l("What changed (for the history)"), validators=[Length(max=200)])
    force = BooleanField(_l("Replace the live version even though it changed since this draft began"))


class ImageForm(FlaskForm):
    image = FileField(_l("Image (PNG, JPEG, GIF or WebP)"), validators=[FileRequired()])
    name = StringField(_l("File name (optional)"), validators=[Length(max=64)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class DiscardForm(FlaskForm):
    """Throwing a shared draft away takes a deliberate tick, not one click."""

    sure = BooleanField(_l("I understand that every unpublished change in this course, mine and my colleagues', is lost"),
                        validators=[DataRequired()])
