"""Reads the Markdown quiz syntax (documented in courses/README.md) into plain objects.

Pure domain code: no Flask, no database. Markdown is rendered here, once per content
version, and the parsed quiz is cached with its course. Every problem names its file line.
This module reads what all questions share (settings, headings, attributes, feedback); the
answer lines are read and checked by the question's type (question_types.py).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

from app.courses.loader import Problem, QuizSource
from app.courses.render import MarkdownTooHeavy, render_markdown
from app.quizzes.question_types import QUESTION_TYPES, type_of_line
from app.quizzes.questions import Question, Quiz, QuizSettings, slugify
from app.messages import M

SHOW_ANSWERS = ("after_submit", "after_pass", "never")
QUIZ_KEYS = {"title", "pass_mark", "attempts", "time_limit", "shuffle_questions", "shuffle_options",
             "show_answers", "one_per_page", "pools"}
ATTRIBUTES = {"points", "pool", "tags", "exact"}

_HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^{}]*)\})?\s*$")
_ATTR = re.compile(r'#(?P<id>[^\s"=]+)|(?P<key>[A-Za-z_]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))|(?P<junk>\S+)')
_OPTION_FEEDBACK = re.compile(r"^\s+>\s?(?P<text>.*)$")
_GENERAL_FEEDBACK = re.compile(r"^>\s?(?P<text>.*)$")
_ID = re.compile(r"\A[a-z0-9][a-z0-9_-]{0,63}\Z")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def parse_quiz(source: QuizSource) -> tuple[Quiz, list[Problem]]:
    """Parse one quiz; the quiz object is returned even when there are problems."""
    parser = _Parser(source)
    quiz = parser.run()
    return quiz, parser.problems


class _Parser:
    def __init__(self, source: QuizSource):
        self.source = source
        self.problems: list[Problem] = []
        self.practice = PurePosixPath(source.path).name != "quiz.md"
        folder = PurePosixPath(source.path).parts[0] if "/" in source.path else ""
        self.asset_base = f"/courses/{folder}/files" if folder else None

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source.path, line, message))

    def run(self) -> Quiz:
        settings = self.settings()
        lines = self.source.text.split("\n")
        starts = self.heading_lines(lines)
        intro = "\n".join(lines[: starts[0]] if starts else lines)
        questions = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            try:
                question = self.question(lines, start, end)
            except MarkdownTooHeavy as error:
                self.problem(self.source.line + start, str(error))
                continue
            if question is not None:
                questions.append(question)
        if not starts:
            self.problem(self.source.line, M("quiz has no questions (each starts with a '## ' heading)"))
        self.check_ids_and_pools(questions, settings)
        digest = hashlib.sha256((repr(sorted(self.source.meta.items(), key=str)) + self.source.text).encode())
        try:
            intro_html = render_markdown(intro, self.asset_base) if intro.strip() else ""
        except MarkdownTooHeavy as error:
            self.problem(self.source.line, str(error))
            intro_html = ""
        return Quiz(self.source.path, self.source.line, self.practice, settings, intro_html, questions,
                    digest.hexdigest())

    def heading_lines(self, lines: list[str]) -> list[int]:
        starts, fence = [], None
        for i, line in enumerate(lines):
            match = _FENCE.match(line)
            if match:
                fence = None if fence and match.group(1).startswith(fence) else (fence or match.group(1))
            elif fence is None and line.startswith("## "):
                starts.append(i)
        return starts

    # -- settings -------------------------------------------------------------

    def settings(self) -> QuizSettings:
        meta, at = self.source.meta or {}, self.source.meta_lines or {}
        settings = QuizSettings()
        for key, value in meta.items():
            line = at.get(key, 1)
            if key not in QUIZ_KEYS:
                self.problem(line, M("unknown quiz setting '%(key)s' (allowed: %(allowed)s)", key=key, allowed=", ".join(sorted(QUIZ_KEYS))))
            elif key == "title":
                settings.title = str(value or "").strip()
            elif key in ("pass_mark", "attempts", "time_limit"):
                low, high = {"pass_mark": (0, 100), "attempts": (0, 1000), "time_limit": (1, 1440)}[key]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    self.problem(line, M("'%(key)s' must be a whole number from %(low)s to %(high)s, not %(value)s", key=key, low=low, high=high, value=repr(value)))
                else:
                    setattr(settings, key, value)
            elif key in ("shuffle_questions", "shuffle_options", "one_per_page"):
                if not isinstance(value, bool):
                    self.problem(line, M("'%(key)s' must be true or false", key=key))
                else:
                    setattr(settings, key, value)
            elif key == "show_answers":
                if value not in SHOW_ANSWERS:
                    self.problem(line, M("'show_answers' must be one of %(allowed)s, not %(value)s", allowed=", ".join(SHOW_ANSWERS), value=repr(value)))
                else:
                    settings.show_answers = value
            elif key == "pools":
                settings.pools = self.pools(value, line)
        return settings

    def pools(self, value, line: int) -> dict[str, int]:
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(n, int) and not isinstance(n, bool) and n >= 1
                for k, n in value.items()):
            self.problem(line, M("'pools' must map each pool name to how many questions to draw (1 or more)"))
            return {}
        return dict(value)

    # -- questions ------------------------------------------------------------

    def question(self, lines: list[str], start: int, end: int) -> Question | None:
        line_no = self.source.line + start
        match = _HEADING.match(lines[start])
        title = (match.group("title") if match else lines[start][3:]).strip()
        if not title:
            self.problem(line_no, M("question heading has no title"))
        attrs = self.attributes(match.group("attrs") if match else None, line_no)
        qid = attrs.get("id") or slugify(title)
        if not _ID.match(qid):
            self.problem(line_no, M("question id '%(qid)s' must be lower-case letters, digits, '-' and '_'", qid=qid))
        question = Question(id=qid, title=title, kind="", text="", html="", line=line_no)
        self.apply_attributes(question, attrs, line_no)
        body = lines[start + 1:end]
        first = next((i for i, text in enumerate(body) if type_of_line(text)), None)
        if first is None:
            self.problem(line_no, M("question '%(qid)s' has no answers (- (x) …, - [x] …, answer: …, accept: …)", qid=qid))
            return None
        question.text = "\n".join(body[:first]).strip()
        if not question.text:
            self.problem(line_no, M("question '%(qid)s' has no text", qid=qid))
        question.html = render_markdown(question.text, self.asset_base)
        self.answers(question, body, first, line_no + 1)
        self.check_answers(question)
        return question

    def attributes(self, text: str | None, line: int) -> dict[str, str]:
        attrs: dict[str, str] = {}
        for match in _ATTR.finditer(text or ""):
            if match.group("id"):
                attrs["id"] = match.group("id")
            elif match.group("key"):
                key = match.group("key")
                if key not in ATTRIBUTES:
                    self.problem(line, M("unknown question attribute '%(key)s' (allowed: id as #id, %(allowed)s)", key=key, allowed=", ".join(sorted(ATTRIBUTES))))
                attrs[key] = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
            else:
                self.problem(line, M("cannot read '%(junk)s' in the heading's {…} (write key=value or #id)", junk=match.group("junk")))
        return attrs

    def apply_attributes(self, question: Question, attrs: dict[str, str], line: int) -> None:
        if "points" in attrs:
            try:
                question.points = float(attrs["points"])
                if not 0 < question.points <= 1000:
                    raise ValueError
            except ValueError:
                self.problem(line, M("points must be a number above 0, not '%(value)s'", value=attrs["points"]))
                question.points = 1.0
        question.pool = attrs.get("pool") or None
        question.tags = tuple(attrs.get("tags", "").split())
        if "exact" in attrs:
            if attrs["exact"].lower() not in ("true", "false"):
                self.problem(line, M("exact must be true or false"))
            question.exact = attrs["exact"].lower() == "true"

    def answers(self, question: Question, body: list[str], first: int, base: int) -> None:
        target = None  # what indented feedback belongs to: the last answer line's (see QuestionType.read)
        general: list[str] = []
        for i in range(first, len(body)):
            text, line_no = body[i], base + i
            qtype = type_of_line(text)
            feedback = _OPTION_FEEDBACK.match(text)
            if not text.strip():
                continue
            if qtype and general:
                self.problem(line_no, M("answers must come before the general feedback ('> …')"))
            if qtype:
                if question.kind and qtype.kind != question.kind:
                    self.problem(line_no, M("question '%(qid)s' mixes kinds of answers (%(first)s and %(second)s)", qid=question.id, first=question.kind, second=qtype.kind))
                    continue
                question.kind = qtype.kind
                target, message = qtype.read(question, text)
                if message:
                    self.problem(line_no, message)
            elif feedback and target is not None and not general:
                QUESTION_TYPES[question.kind].add_feedback(question, target, feedback.group("text"))
            elif _GENERAL_FEEDBACK.match(text):
                general.append(_GENERAL_FEEDBACK.match(text).group("text"))
                target = None
            else:
                self.problem(line_no, M("unexpected text among the answers (options start with '- (x)', '- ( )', "
                                        "'- [x]' or '- [ ]'; feedback lines with '>')"))
        question.feedback = "\n".join(general).strip()
        question.feedback_html = render_markdown(question.feedback, self.asset_base) if question.feedback else ""

    def check_answers(self, question: Question) -> None:
        for message in QUESTION_TYPES[question.kind].check(question):
            self.problem(question.line, message)

    def check_ids_and_pools(self, questions: list[Question], settings: QuizSettings) -> None:
        seen: dict[str, int] = {}
        sizes: dict[str, int] = {}
        for question in questions:
            if question.id in seen:
                self.problem(question.line, M("question id '%(qid)s' is also used on line %(line)s", qid=question.id, line=seen[question.id]))
            seen.setdefault(question.id, question.line)
            if question.pool is not None:
                sizes[question.pool] = sizes.get(question.pool, 0) + 1
                if question.pool not in settings.pools:
                    self.problem(question.line, M("pool '%(pool)s' is not listed under 'pools' in the front matter", pool=question.pool))
        line = (self.source.meta_lines or {}).get("pools", self.source.line)
        for name, draw in settings.pools.items():
            if draw > sizes.get(name, 0):
                self.problem(line, M("pool '%(pool)s' draws %(draw)s question(s) but has %(size)s", pool=name, draw=draw, size=sizes.get(name, 0)))
        if self.practice and settings.pools:
            self.problem(line, M("a practice quiz has no settings"))
