"""Moodle GIFT format: read it into drafts, write a parsed quiz back out. Pure.

Weights: an option with a positive weight is a right option, zero or negative a wrong one.
A question with one right option is single choice; with several it is multiple choice,
graded by our partial-credit rule, whose weights are what `export` writes back
(+100/R % per right option, -100/W % per wrong one). Weights that differ from the rule
are reported (the import notes them, it does not drop the question).
"""
from __future__ import annotations

import re

from app.courses.loader import Problem
from app.quizzes.interop import Draft, DraftOption
from app.quizzes.question_types import QUESTION_TYPES, MultipleChoice, ShortText, SingleChoice, TrueFalse
from app.quizzes.questions import Question, Quiz, slugify

_SPECIAL = "~=#{}:"
_ESCAPE = re.compile(r"\\([~=#{}:\\n])")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\[(markdown|html|plain|moodle)\]", re.IGNORECASE)
_ATTRS_COMMENT = re.compile(r"^//\s*(\{#.*\})\s*$")
_TAGS = re.compile(r'\s*tags="([^"]*)"')
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text).strip()


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _split_unescaped(text: str, markers: str) -> list[tuple[str, str]]:
    """Split `text` before each unescaped marker character: [(marker, rest), …]."""
    parts, current, marker, i = [], [], "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if char in markers:
            parts.append((marker, "".join(current)))
            current, marker = [], char
        else:
            current.append(char)
        i += 1
    parts.append((marker, "".join(current)))
    return parts


def _find_unescaped(text: str, char: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def _blocks(text: str):
    """Question blocks as (first line number, text, attrs from a `// {#…}` comment, category)."""
    category, attrs, lines, start = None, "", [], 0
    for number, raw in enumerate(text.split("\n") + [""], start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if stripped.startswith("//"):
            match = _ATTRS_COMMENT.match(stripped)
            if match:
                attrs = match.group(1)[2:-1].split(" ", 1)
            continue
        if stripped.startswith("$CATEGORY:") and not lines:
            category = stripped[len("$CATEGORY:"):].strip()
            continue
        if stripped:
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield start, "\n".join(lines), attrs, category
            lines, attrs = [], ""


def category_tag(category: str | None) -> list[str]:
    parts = [slugify(p) for p in (category or "").split("/") if p.strip() and not p.strip().startswith("$")]
    return ["category:" + "/".join(parts)] if parts else []


def parse_gift(text: str, path: str) -> tuple[list[Draft], list[Problem]]:
    """GIFT text → drafts; unsupported questions are problems naming their line, and skipped."""
    drafts, problems = [], []
    for line, block, attrs, category in _blocks(text):
        draft, message = _question(block, line)
        if draft is None:
            problems.append(Problem(path, line, message))
            continue
        draft.tags = category_tag(category)
        if attrs:
            draft.id = attrs[0]
            rest = attrs[1] if len(attrs) > 1 else ""
            tags = _TAGS.search(rest)
            if tags:
                draft.tags += [t for t in tags.group(1).split() if t not in draft.tags]
                rest = _TAGS.sub("", rest)
            draft.attrs = rest.strip()
        if message:
            problems.append(Problem(path, line, message))
        drafts.append(draft)
    return drafts, problems


def _question(block: str, line: int) -> tuple[Draft | None, str]:
    title = ""
    body = block.strip()
    if body.startswith("::"):
        end = body.find("::", 2)
        if end > 0:
            title, body = unescape(body[2:end]), body[end + 2:].lstrip()
    fmt = _FORMAT.match(body)
    if fmt:
        body = body[fmt.end():]
    open_at = _find_unescaped(body, "{")
    close_at = _find_unescaped(body, "}", open_at + 1) if open_at >= 0 else -1
    if open_at < 0 or close_at < 0:
        return None, "unsupported GIFT: description without an answer block {…}, skipped"
    before, answers, after = body[:open_at], body[open_at + 1:close_at].strip(), body[close_at + 1:]
    text = unescape(before)
    if after.strip():
        text = f"{text} \\_\\_\\_\\_\\_ {unescape(after)}".strip()
    draft = Draft(line=line, kind="", title=title, text=text)
    if not answers:
        return None, "unsupported GIFT question type: essay {}, skipped"
    if answers.startswith("#"):
        return None, "unsupported GIFT question type: numerical {#…}, skipped"
    answers, general = _general_feedback(answers)
    draft.feedback = general
    head = answers.split("#", 1)[0].strip().upper()
    if head in _TRUE_FALSE:
        feedbacks = [unescape(f) for _, f in _split_unescaped(answers, "#")[1:]]
        draft.kind, draft.truth = TrueFalse.kind, _TRUE_FALSE[head]
        wrong = feedbacks[0] if feedbacks else ""
        draft.truth_feedback = feedbacks[1] if len(feedbacks) > 1 else ""
        if wrong:  # our syntax has no wrong-answer feedback for true/false
            draft.feedback = "\n".join(t for t in (wrong, draft.feedback) if t)
        return draft, ""
    return _choices(draft, answers)


def _general_feedback(answers: str) -> tuple[str, str]:
    at = answers.find("####")
    while at > 0 and answers[at - 1] == "\\":
        at = answers.find("####", at + 1)
    if at < 0:
        return answers, ""
    return answers[:at].strip(), unescape(answers[at + 4:])


def _choices(draft: Draft, answers: str) -> tuple[Draft | None, str]:
    options = []
    for marker, chunk in _split_unescaped(answers, "=~"):
        if not marker:
            if chunk.strip():
                return None, "unsupported GIFT: text before the first = or ~ in the answers, skipped"
            continue
        weight_match = _WEIGHT.match(chunk.strip())
        chunk = chunk.strip()[weight_match.end():] if weight_match else chunk.strip()
        weight = float(weight_match.group(1)) if weight_match else (100.0 if marker == "=" else 0.0)
        parts = _split_unescaped(chunk, "#")
        text, feedback = parts[0][1], "#".join(p for _, p in parts[1:])
        if "->" in text:
            return None, "unsupported GIFT question type: matching (->), skipped"
        options.append((marker, weight, DraftOption(unescape(text), weight > 0, unescape(feedback))))
    if not options:
        return None, "unsupported GIFT: no answers, skipped"
    if all(marker == "=" for marker, _, _ in options):
        draft.kind = ShortText.kind
        draft.accepts = [o for _, w, o in options if w >= 100]
        partial = len(options) - len(draft.accepts)
        note = f"short answer: {partial} answer(s) with partial credit skipped (every accepted answer earns full points)" if partial else ""
        return (draft, note) if draft.accepts else (None, "unsupported GIFT: short answer without a full-credit answer, skipped")
    draft.options = [o for _, _, o in options]
    right = sum(o.correct for o in draft.options)
    if right == 0:
        return None, "unsupported GIFT: multiple choice without a right answer, skipped"
    draft.kind = SingleChoice.kind if right == 1 else MultipleChoice.kind
    return draft, _weight_note(draft, [w for _, w, _ in options])


def _weight_note(draft: Draft, weights: list[float]) -> str:
    """Say so when the file's weights differ from the ones our grading rule gives."""
    rule = QUESTION_TYPES[draft.kind].option_weights([o.correct for o in draft.options])
    expected = [100 * w for w in rule]
    # A penalty where our rule has none (a wrong option of a single-choice question) is no difference.
    given = [w if w > 0 or e < 0 else 0.0 for w, e in zip(weights, expected)]
    if all(abs(a - b) < 0.01 for a, b in zip(expected, given)):
        return ""
    return "note: option weights mapped to our grading rule (right/wrong options, partial credit for multiple choice)"


def _attrs(question: Question) -> str:
    parts = [f"#{question.id}"]
    if question.points != 1:
        parts.append(f"points={question.points:g}")
    if question.pool:
        parts.append(f"pool={question.pool}")
    tags = [t for t in question.tags if not t.startswith("category:")]
    if tags:
        parts.append('tags="' + " ".join(tags) + '"')
    if question.exact:
        parts.append("exact=true")
    return "{" + " ".join(parts) + "}"


def _answers(question: Question) -> list[str]:
    return [answer.marker + escape(answer.text) + "".join("#" + escape(f) for f in answer.feedbacks)
            for answer in QUESTION_TYPES[question.kind].gift(question)]


def export_gift(quiz: Quiz) -> str:
    """The quiz in GIFT, with our question attributes kept in `// {#…}` comments."""
    out, category = [], None
    for question in quiz.questions:
        tag = next((t[len("category:"):] for t in question.tags if t.startswith("category:")), None)
        if tag is not None and tag != category:
            out += [f"$CATEGORY: {tag}", ""]
            category = tag
        answers = _answers(question)
        if question.feedback:
            answers.append("####" + escape(question.feedback))
        out.append(f"// {_attrs(question)}")
        out.append(f"::{escape(question.title)}::[markdown]{escape(question.text)} {{")
        out += [f"\t{a}" for a in answers]
        out += ["}", ""]
    return "\n".join(out)
