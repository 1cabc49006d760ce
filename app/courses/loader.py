"""Reads course folders into plain objects and reports every problem as file:line.

Pure domain code: no Flask, no database. The catalog calls it; tests call it directly.
The course format is documented for trainers in courses/README.md.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from app.courses.frontmatter import FrontMatterError, parse_document
from app.courses.render import MarkdownTooHeavy, render_markdown
from app.messages import M

AUDIENCES = ("civil_servant", "public_employee", "secondary_student", "higher_ed_student", "other")
ALL_AUDIENCES = "all"
COURSE_FILE = "course.md"
FINAL_QUIZ_FILE = "quiz.md"
LESSON_FILE = re.compile(r"\A(\d+)[-_]([A-Za-z0-9][A-Za-z0-9_-]*)\.md\Z")
SLUG = re.compile(r"\A[a-z0-9][a-z0-9-]{0,63}\Z")
QUIZ_FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})\s*quiz\s*$")
#: Names a lesson id may not take: attempts are stored under the lesson id for practice and
#: under "final" for the course's graded quiz (app.quizzes.models.FINAL), so a lesson named
#: "final" would file its practice as the final quiz; "quiz" is the final quiz's address.
RESERVED_LESSON_IDS = frozenset({"final", "quiz"})

#: Front matter keys of course.md, with their checks. Other areas may add keys here.
COURSE_KEYS = {
    "id", "title", "audiences", "language", "summary", "estimated_minutes", "pass_mark",
    "certificate", "maintainers", "completion", "tags", "issuer", "reviewed", "sources",
    "signatory_name", "signatory_title", "public",
}
#: Keys of one entry of `sources:` in course.md (an entry may also be plain text).
SOURCE_KEYS = {"title", "number", "issued", "effective", "note"}
LESSON_KEYS = {"id", "title", "minutes", "summary"}


@dataclass
class Problem:
    """Something wrong in a course file; `path` is relative to the courses root."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class QuizSource:
    """A quiz's Markdown as written, with where it sits, for the quiz parser."""

    text: str
    path: str
    #: 1-based line in `path` of the first line of `text`.
    line: int
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)


@dataclass
class Lesson:
    """One lesson: an ordered Markdown file, rendered once and cached with its course."""

    id: str
    title: str
    number: int
    html: str
    path: str
    minutes: int | None = None
    summary: str = ""
    practice_source: QuizSource | None = None
    #: The parsed practice quiz (set by the quiz parser, if one is plugged in).
    practice_quiz: Any = None
    #: Parts of the page that are the same for every learner, rendered on first use per
    #: language (key), and dropped with this content version.
    rendered: dict[str, str] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Course:
    """A course as the files describe it at one content version."""

    slug: str
    title: str
    audiences: list[str]
    language: str
    summary: str
    estimated_minutes: int | None
    pass_mark: int
    certificate: bool
    maintainers: list[str]
    intro_html: str
    lessons: list[Lesson]
    content_hash: str
    folder: str
    completion: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    issuer: str = ""
    #: Who signs the printed certificate, e.g. "Nguyễn Văn A", "Giám đốc" (else configuration).
    signatory_name: str = ""
    signatory_title: str = ""
    #: The day the content was last checked against the law in force (front matter `reviewed`).
    reviewed: date | None = None
    sources: list[Source] = field(default_factory=list)
    #: Its lessons (not its quiz or certificate) can be read without an account; only with
    #: `audiences: [all]`, so a course written for one audience is never public by a slip.
    public: bool = False
    final_source: QuizSource | None = None
    final_quiz: Any = None

    @property
    def open_to_all(self) -> bool:
        return ALL_AUDIENCES in self.audiences

    def suits(self, audience: str | None) -> bool:
        """Whether the course is meant for learners of this audience."""
        return self.open_to_all or (audience is not None and audience in self.audiences)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def neighbours(self, lesson_id: str) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after `lesson_id`, in course order."""
        ids = [lesson.id for lesson in self.lessons]
        i = ids.index(lesson_id)
        before = self.lessons[i - 1] if i > 0 else None
        after = self.lessons[i + 1] if i + 1 < len(ids) else None
        return before, after


@dataclass(frozen=True)
class Source:
    """A legal instrument a course relies on, as its `sources:` front matter names it."""

    title: str
    number: str = ""
    issued: date | None = None
    effective: date | None = None
    #: e.g. "sửa đổi, bổ sung bởi Luật số …" or "áp dụng tại Hà Nội"
    note: str = ""


QuizParser = Callable[[QuizSource], tuple[Any, list[Problem]]]


def content_hash(folder: Path) -> str:
    """sha256 over every file's relative path and bytes: the course's content version."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder)):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def course_folders(root: Path) -> list[Path]:
    """Folders under `root` that hold a course (not hidden, not the docs)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


class _Reader:
    """Collects problems while reading one course folder."""

    def __init__(self, folder: Path, root: Path, asset_base: str | None, quiz_parser: QuizParser | None):
        self.folder = folder
        self.root = root
        self.asset_base = asset_base
        self.quiz_parser = quiz_parser
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel(path), line, message))

    def read(self, path: Path):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            self.problem(path, line, M("file is not valid UTF-8 text"))
            return None
        try:
            return parse_document(text)
        except FrontMatterError as exc:
            self.problem(path, exc.line, exc.message)
            return None

    def check_keys(self, path: Path, doc, allowed: set[str]) -> None:
        for key in doc.meta:
            if key not in allowed:
                self.problem(path, doc.line_of(key), M("unknown front matter key '%(key)s' (allowed: %(allowed)s)", key=key, allowed=', '.join(sorted(allowed))))

    def bool_field(self, path, doc, key, default: bool) -> bool:
        value = doc.meta.get(key, default)
        if not isinstance(value, bool):
            self.problem(path, doc.line_of(key), M("'%(key)s' must be true or false", key=key))
            return default
        return value

    def text_field(self, path, doc, key, required=False, default="") -> str:
        value = doc.meta.get(key, None)
        if value is None:
            if required:
                self.problem(path, 1, M("front matter needs '%(key)s'", key=key))
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(path, doc.line_of(key), M("'%(key)s' must be text", key=key))
            return default
        return str(value).strip()

    def int_field(self, path, doc, key, low, high, default=None):
        value = doc.meta.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(path, doc.line_of(key), M("'%(key)s' must be a whole number from %(low)s to %(high)s, not %(value)s", key=key, low=low, high=high, value=repr(value)))
            return default
        return value

    def list_field(self, path, doc, key) -> list[str]:
        value = doc.meta.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, doc.line_of(key), M("'%(key)s' must be a list of words", key=key))
            return []
        return [v.strip() for v in value]

    def render(self, path: Path, line: int, text: str, base: str | None) -> str:
        """The Markdown as sanitised HTML; text too costly to render is a problem, not a hang."""
        try:
            return render_markdown(text, base)
        except MarkdownTooHeavy as error:
            self.problem(path, line, str(error))
            return ""

    def date_field(self, path, doc, key) -> date | None:
        value = doc.meta.get(key)
        if value is None:
            return None
        if not isinstance(value, date):
            self.problem(path, doc.line_of(key), M("'%(key)s' must be a date written YYYY-MM-DD, not %(value)s", key=key, value=repr(value)))
            return None
        return value

    def sources_field(self, path, doc) -> list[Source]:
        """`sources:` — a list of instruments, each plain text or a mapping of SOURCE_KEYS."""
        value = doc.meta.get("sources", []) or []
        line = doc.line_of("sources")
        if not isinstance(value, list):
            self.problem(path, line, M("'sources' must be a list of legal instruments"))
            return []
        sources = []
        for n, entry in enumerate(value, 1):
            if isinstance(entry, str) and entry.strip():
                sources.append(Source(entry.strip()))
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not entry["title"].strip():
                self.problem(path, line, M("source %(n)s must be text or a mapping with a 'title'", n=n))
                continue
            unknown = sorted(set(entry) - SOURCE_KEYS)
            if unknown:
                self.problem(path, line, M("source %(n)s has unknown key(s) %(unknown)s (allowed: %(source_keys)s)", n=n, unknown=', '.join(unknown), source_keys=', '.join(sorted(SOURCE_KEYS))))
            dates = {}
            for key in ("issued", "effective"):
                if entry.get(key) is not None and not isinstance(entry[key], date):
                    self.problem(path, line, M("source %(n)s: '%(key)s' must be a date written YYYY-MM-DD, not %(value)s", n=n, key=key, value=repr(entry[key])))
                else:
                    dates[key] = entry.get(key)
            sources.append(Source(entry["title"].strip(), str(entry.get("number") or "").strip(),
                                  dates.get("issued"), dates.get("effective"), str(entry.get("note") or "").strip()))
        return sources

    def course(self) -> Course | None:
        course_path = self.folder / COURSE_FILE
        if not course_path.is_file():
            self.problem(course_path, 1, M("course folder has no %(course_file)s", course_file=COURSE_FILE))
            return None
        doc = self.read(course_path)
        if doc is None:
            return None
        self.check_keys(course_path, doc, COURSE_KEYS)
        slug = self.text_field(course_path, doc, "id", default=self.folder.name)
        if not SLUG.match(slug):
            self.problem(course_path, doc.line_of("id"), M("course id '%(slug)s' must be lower-case letters, digits and '-'", slug=slug))
        audiences = self.list_field(course_path, doc, "audiences")
        if not audiences:
            self.problem(course_path, doc.line_of("audiences"), M("'audiences' must list at least one of: %(all_audiences)s, %(audiences)s", all_audiences=ALL_AUDIENCES, audiences=', '.join(AUDIENCES)))
        for audience in audiences:
            if audience != ALL_AUDIENCES and audience not in AUDIENCES:
                self.problem(course_path, doc.line_of("audiences"), M("unknown audience '%(audience)s' (known: %(all_audiences)s, %(audiences)s)", audience=audience, all_audiences=ALL_AUDIENCES, audiences=', '.join(AUDIENCES)))
        language = self.text_field(course_path, doc, "language", default="vi")
        if language not in ("vi", "en"):
            self.problem(course_path, doc.line_of("language"), M("'language' must be vi or en, not '%(language)s'", language=language))
        certificate = self.bool_field(course_path, doc, "certificate", True)
        public = self.bool_field(course_path, doc, "public", False)
        if public and ALL_AUDIENCES not in audiences:
            self.problem(course_path, doc.line_of("public"), M("'public: true' needs 'audiences: [%(all)s]'", all=ALL_AUDIENCES))
            public = False
        completion = doc.meta.get("completion", {}) or {}
        if not isinstance(completion, dict):
            self.problem(course_path, doc.line_of("completion"), M("'completion' must be a mapping"))
            completion = {}
        base = f"{self.asset_base}/{slug}/files" if self.asset_base else None
        course = Course(
            slug=slug,
            title=self.text_field(course_path, doc, "title", required=True),
            audiences=audiences,
            language=language,
            summary=self.text_field(course_path, doc, "summary"),
            estimated_minutes=self.int_field(course_path, doc, "estimated_minutes", 1, 10000),
            pass_mark=self.int_field(course_path, doc, "pass_mark", 0, 100, 70),
            certificate=certificate,
            maintainers=[m.lower() for m in self.list_field(course_path, doc, "maintainers")],
            intro_html=self.render(course_path, doc.body_line, doc.body, base),
            lessons=self.lessons(base),
            content_hash=content_hash(self.folder),
            folder=self.folder.name,
            completion=completion,
            tags=self.list_field(course_path, doc, "tags"),
            issuer=self.text_field(course_path, doc, "issuer"),
            signatory_name=self.text_field(course_path, doc, "signatory_name"),
            signatory_title=self.text_field(course_path, doc, "signatory_title"),
            reviewed=self.date_field(course_path, doc, "reviewed"),
            sources=self.sources_field(course_path, doc),
            public=public,
        )
        if not course.lessons:
            self.problem(course_path, 1, M("course has no lessons (files named like 01-introduction.md)"))
        final_path = self.folder / FINAL_QUIZ_FILE
        if final_path.is_file():
            doc = self.read(final_path)
            if doc is not None:
                course.final_source = QuizSource(doc.body, self.rel(final_path), doc.body_line, doc.meta, doc.key_lines)
                course.final_quiz = self.parse_quiz(course.final_source)
        return course

    def lessons(self, base: str | None) -> list[Lesson]:
        lessons: list[Lesson] = []
        seen: dict[str, Path] = {}
        numbers: dict[int, Path] = {}
        for path in sorted(self.folder.glob("*.md")):
            if path.name in (COURSE_FILE, FINAL_QUIZ_FILE, "README.md"):
                continue
            match = LESSON_FILE.match(path.name)
            if not match:
                self.problem(path, 1, M("lesson file names start with a number, like 01-introduction.md"))
                continue
            number = int(match.group(1))
            if number in numbers:
                self.problem(path, 1, M("lesson number %(number)s is also used by %(name)s", number=number, name=numbers[number].name))
            numbers[number] = path
            doc = self.read(path)
            if doc is None:
                continue
            self.check_keys(path, doc, LESSON_KEYS)
            lesson_id = self.text_field(path, doc, "id", default=match.group(2).lower())
            if not SLUG.match(lesson_id):
                self.problem(path, doc.line_of("id"), M("lesson id '%(lesson_id)s' must be lower-case letters, digits and '-'", lesson_id=lesson_id))
            if lesson_id in RESERVED_LESSON_IDS:
                self.problem(path, doc.line_of("id"), M("lesson id '%(lesson_id)s' is reserved for the final quiz; choose another", lesson_id=lesson_id))
                continue
            if lesson_id in seen:
                self.problem(path, doc.line_of("id"), M("lesson id '%(lesson_id)s' is also used by %(name)s", lesson_id=lesson_id, name=seen[lesson_id].name))
                continue
            seen[lesson_id] = path
            body, practice = self.split_quiz(path, doc.body, doc.body_line)
            if not body.strip():
                self.problem(path, doc.body_line, M("lesson has no text"))
            lesson = Lesson(
                id=lesson_id,
                title=self.text_field(path, doc, "title", required=True),
                number=number,
                html=self.render(path, doc.body_line, body, base),
                path=self.rel(path),
                minutes=self.int_field(path, doc, "minutes", 1, 1000),
                summary=self.text_field(path, doc, "summary"),
                practice_source=practice,
            )
            if practice is not None:
                lesson.practice_quiz = self.parse_quiz(practice)
            lessons.append(lesson)
        lessons.sort(key=lambda lesson: lesson.number)
        return lessons

    def split_quiz(self, path: Path, body: str, body_line: int) -> tuple[str, QuizSource | None]:
        """Cut a ```quiz fenced block (the lesson's practice questions) out of the text."""
        lines = body.split("\n")
        for start, line in enumerate(lines):
            match = QUIZ_FENCE_OPEN.match(line.strip())
            if not match:
                continue
            fence = match.group(1)
            for end in range(start + 1, len(lines)):
                if lines[end].strip() == fence:
                    quiz = QuizSource("\n".join(lines[start + 1:end]), self.rel(path), body_line + start + 1)
                    rest = lines[:start] + lines[end + 1:]
                    return "\n".join(rest), quiz
            self.problem(path, body_line + start, M("quiz block opened here is never closed"))
            return "\n".join(lines[:start]), None
        return body, None

    def parse_quiz(self, source: QuizSource):
        if self.quiz_parser is None:
            return None
        quiz, problems = self.quiz_parser(source)
        self.problems.extend(problems)
        return quiz


def load_course(folder: Path, root: Path, asset_base: str | None = None,
                quiz_parser: QuizParser | None = None) -> tuple[Course | None, list[Problem]]:
    """Read one course folder. A course with problems is returned as None."""
    reader = _Reader(folder, root, asset_base, quiz_parser)
    try:
        course = reader.course()
    except OSError as exc:
        reader.problem(folder, 1, M("cannot read course: %(reason)s", reason=exc.strerror or exc))
        course = None
    return (None if reader.problems else course), reader.problems


def check_tree(root: Path, asset_base: str | None = None, quiz_parser: QuizParser | None = None,
               reuse: dict[str, Course] | None = None) -> tuple[dict[str, Course], list[Problem]]:
    """Read every course under `root`: the good ones by slug, and all problems found.

    `reuse` maps folder names to courses already loaded; one whose content hash is
    unchanged is kept as it is, so Markdown is rendered once per content version.
    """
    courses: dict[str, Course] = {}
    problems: list[Problem] = []
    for folder in course_folders(root):
        previous = (reuse or {}).get(folder.name)
        if previous is not None and previous.content_hash == content_hash(folder):
            course, found = previous, []
        else:
            course, found = load_course(folder, root, asset_base, quiz_parser)
        problems.extend(found)
        if course is None:
            continue
        if course.slug in courses:
            problems.append(Problem(f"{folder.name}/{COURSE_FILE}", 1, M("course id '%(slug)s' is also used by %(folder)s/", slug=course.slug, folder=courses[course.slug].folder)))
            continue
        courses[course.slug] = course
    return courses, problems
