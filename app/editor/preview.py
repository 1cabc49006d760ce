"""What the editor shows beside the text: the learner's view and the problems found."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from markupsafe import Markup

from app.courses.loader import COURSE_FILE, FINAL_QUIZ_FILE, Problem
from app.courses.render import MarkdownTooHeavy, render_markdown
from app.editor import documents
from app.editor.quizview import QuestionView, outline
from app.editor.services import preview_base, store
from app.editor.store import normalise


@dataclass
class Preview:
    """Sanitised HTML as learners will see it, the quiz with its keys, and the problems."""

    html: Markup
    problems: list[Problem]
    has_quiz: bool = False
    questions: list[QuestionView] = field(default_factory=list)
    quiz_html: Markup | None = None
    parser: bool = False


def build(folder: str, name: str, text: str) -> Preview:
    """Check the course with `text` as file `name`, and render that file as learners would get it."""
    text = normalise(text)
    base = preview_base(folder)
    course, problems = store().validate(folder, {name: text}, asset_base=base)
    html, quiz, has_quiz = None, None, False
    if course is not None:
        if name == COURSE_FILE:
            html = course.intro_html
        elif name == FINAL_QUIZ_FILE:
            html, quiz, has_quiz = "", course.final_quiz, course.final_source is not None
        else:
            lesson = next(lesson for lesson in course.lessons if lesson.path.endswith("/" + name))
            html, quiz, has_quiz = lesson.html, lesson.practice_quiz, lesson.practice_source is not None
    if html is None and name != FINAL_QUIZ_FILE:
        # The course does not load as a whole: still show this file's text as best we can.
        try:
            html = render_markdown(documents.split(text)[1], f"{base}/{folder}/files")
        except MarkdownTooHeavy:
            html = ""  # the loader's problem list says why
    html = html or ""
    path = f"{folder}/{name}"
    problems = sorted(problems, key=lambda p: (p.path != path, p.path, p.line))
    hook = current_app.extensions.get("quiz_preview")
    return Preview(
        html=Markup(html),
        problems=problems,
        has_quiz=has_quiz,
        questions=outline(quiz),
        quiz_html=Markup(hook(quiz)) if hook and quiz is not None else None,
        parser=current_app.extensions.get("quiz_parser") is not None,
    )
