"""Moodle's Aiken format: a question line, `A. option` lines, then `ANSWER: B`. Pure."""
from __future__ import annotations

import re

from app.courses.loader import Problem
from app.quizzes.interop import Draft, DraftOption
from app.quizzes.question_types import SingleChoice

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.+)$")
_ANSWER = re.compile(r"^ANSWER:\s*(\S*)\s*$", re.IGNORECASE)


def parse_aiken(text: str, path: str) -> tuple[list[Draft], list[Problem]]:
    """Aiken text → single-choice drafts; every malformed question is a problem with its line."""
    drafts, problems = [], []
    question: list[str] = []
    options: dict[str, DraftOption] = {}
    start = 0

    def reset():
        question.clear()
        options.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            letter = answer.group(1).upper()
            if not question:
                problems.append(Problem(path, number, "ANSWER line without a question"))
            elif len(options) < 2:
                problems.append(Problem(path, start, "question needs at least two options (A. …, B. …)"))
            elif letter not in options:
                problems.append(Problem(path, number, f"ANSWER '{letter}' is not one of the options {', '.join(options)}"))
            else:
                options[letter].correct = True
                text_ = " ".join(question)
                drafts.append(Draft(line=start, kind=SingleChoice.kind, title=text_[:80], text=text_, options=list(options.values())))
            reset()
        elif option and question:
            options[option.group(1)] = DraftOption(option.group(2).strip(), False)
        elif options:
            problems.append(Problem(path, start, "question has no ANSWER line"))
            reset()
            question.append(line)
            start = number
        else:
            if not question:
                start = number
            question.append(line)
    if question:
        problems.append(Problem(path, start, "question has no ANSWER line"))
    return drafts, problems
