"""The report as a list of blocks (headings, paragraphs, tables) under a Decree 30 header.

Pure: no Flask, no database. `compose` turns the report's facts and wording into a Document;
the .docx and PDF writers only lay the same Document out, so both files say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.reports.periods import Period
from app.reports.wording import Wording
from app.stats.figures import Figures

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    text: str


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    #: The last row is a total (set in bold).
    total: bool = False
    #: Relative column widths; the first column (names) is widest.
    widths: list[float] = field(default_factory=list)
    #: Which columns hold numbers (set right-aligned); default: all but the first.
    numeric: list[bool] | None = None

    def is_numeric(self, column: int) -> bool:
        return self.numeric[column] if self.numeric else column > 0


@dataclass
class Header:
    """The Decree 30 header and footer parts (Appendix I, IV: the positions on the page)."""

    parent: str
    unit: str
    number: str
    motto_1: str
    motto_2: str
    date_line: str
    type: str
    subject: str
    recipients_title: str
    recipients: list[str]
    signer_authority: str
    signer_title: str
    signer_name: str


@dataclass
class Document:
    header: Header
    blocks: list = field(default_factory=list)
    title: str = ""


@dataclass
class Assigned:
    """One assignment in the period: which course, to which unit and audience, due when."""

    course: str
    unit: str
    #: The audience code ("all" for everyone); the wording file names it.
    audience: str
    due_on: date


@dataclass
class Person:
    name: str
    unit: str
    courses: int
    avg_score: float | None


@dataclass
class ReportFacts:
    """Everything a report says, gathered by app.reports.content."""

    unit_name: str
    unit_code: str
    parent_name: str
    period: Period
    previous: Period
    today: date
    figures: object  # app.stats.report.Report of the period
    before: object  # the same for the previous period
    assigned: list[Assigned]
    ranked: list[tuple[int, Figures]]
    people: list[Person]
    minimum: int
    #: The self-review rounds due in the period (app.reviews.report.RoundFigures); section VI.
    reviews: list = field(default_factory=list)


def number(value: int) -> str:
    """An integer with Vietnamese digit grouping (100.000)."""
    return f"{value:,}".replace(",", ".")


def percent(value: float | None) -> str:
    """A fraction as a Vietnamese percentage with one decimal (85,3%); — when undefined."""
    return "—" if value is None else f"{value * 100:.1f}".replace(".", ",") + "%"


def decimal(value: float | None) -> str:
    """A score with one Vietnamese decimal (70,1); — when there is none."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def score(figures: Figures, hidden: str) -> str:
    """A unit's average score, or `hidden` where the privacy floor hides it (as the pages do)."""
    return hidden if figures.private else decimal(figures.avg_score)


def points(now: float | None, before: float | None) -> str:
    """The change of a rate in percentage points (+3,2), — when either side is undefined."""
    if now is None or before is None:
        return "—"
    return f"{(now - before) * 100:+.1f}".replace(".", ",")


def period_label(period: Period, wording: Wording) -> str:
    """The period in words: "quý III năm 2026", "6 tháng đầu năm 2026", …"""
    key = {"year": "year", "quarter": "quarter", "range": "range"}.get(period.kind) or f"half_{period.number}"
    return wording.fill(wording.raw(f"periods.{key}"), f"periods.{key}", year=period.year,
                        roman=ROMAN.get(period.number, ""), start=vn_date(period.start), end=vn_date(period.end))


def vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def compose(facts: ReportFacts, wording: Wording) -> Document:
    """The report's Document: header, sections I–VII, closing note, recipients and signature."""
    parent = facts.parent_name or str(wording.raw("parent_default"))
    w = wording.bind(
        unit=facts.unit_name, unit_upper=facts.unit_name.upper(), parent=parent, parent_upper=parent.upper(),
        code=facts.unit_code, period_from=vn_date(facts.period.start),
        period_to=vn_date(facts.period.end), today_day=f"{facts.today.day:02d}",
        today_month=f"{facts.today.month:02d}", today_year=facts.today.year, minimum=facts.minimum,
        place=str(wording.raw("place")))
    w = w.bind(period=period_label(facts.period, w), previous=period_label(facts.previous, w))
    header = Header(
        parent=facts.parent_name.upper(), unit=facts.unit_name.upper(), number=w("number"), motto_1=w("motto_1"),
        motto_2=w("motto_2"), date_line=w("date_line"), type=w("type"), subject=w("subject"),
        recipients_title=w("recipients_title"), recipients=w.items("recipients"),
        signer_authority=w("signer_authority"), signer_title=w("signer_title"), signer_name=w("signer_name"))
    blocks = [Paragraph(w("intro")), Paragraph(w("scope_note"), italic=True)]
    blocks += _courses(facts, w) + _figures(facts, w) + _changes(facts, w) + _overdue(facts, w)
    blocks += _commendation(facts, w)
    blocks += _reviews(facts, w)
    blocks += [Heading(w("sections.assessment")), Paragraph(w("assessment_placeholder"), italic=True),
               Paragraph(w("closing"))]
    return Document(header, blocks, title=f"{header.type} {header.subject}")


def _reviews(facts: ReportFacts, w: Wording) -> list:
    """Section VI, only when a self-review round fell due in the period."""
    if not facts.reviews:
        return []
    headers = [w(f"columns.{k}") for k in ("review_form", "review_period", "review_due", "review_assigned",
                                           "review_submitted", "review_signed_off", "overdue", "review_ratings")]
    rows = [[r.form, r.period, vn_date(r.due_on), number(r.assigned), number(r.submitted), number(r.signed_off),
             number(r.overdue), "; ".join(f"{label}: {n}" for label, n in sorted(r.ratings.items())) or "—"]
            for r in facts.reviews]
    return [Heading(w("sections.reviews")), Paragraph(w("reviews_intro", rounds=len(facts.reviews))),
            Table(headers, rows, widths=[3, 1, 1.4, 1, 1, 1, 1, 2], numeric=[False, False, False] + [True] * 4 + [False])]


def _courses(facts: ReportFacts, w: Wording) -> list:
    blocks = [Heading(w("sections.courses"))]
    if not facts.assigned:
        return blocks + [Paragraph(w("no_courses"))]
    names = w.raw("audiences")
    rows = [[a.course, a.unit, str(names.get(a.audience, a.audience)), vn_date(a.due_on)] for a in facts.assigned]
    return blocks + [Table([w("columns.course"), w("columns.assigned_to"), w("columns.audience"), w("columns.due")],
                           rows, widths=[3, 3, 2, 1.4], numeric=[False] * 4)]


def _figure_row(name: str, f: Figures, hidden: str) -> list[str]:
    return [name, number(f.assigned), number(f.started), percent(f.participation), number(f.completed),
            percent(f.completion), number(f.passed), percent(f.pass_rate), score(f, hidden), number(f.overdue)]


def _rows(facts_report, w: Wording) -> list[tuple[str, Figures]]:
    """(label, figures) of each child, the unit's own learners, then the total."""
    rows = [(c.name, c) for c in facts_report.children]
    if facts_report.own is not None:
        rows.append((w("own_learners"), facts_report.own))
    return rows + [(w("totals"), facts_report.unit)]


def _figures(facts: ReportFacts, w: Wording) -> list:
    headers = [w(f"columns.{k}") for k in ("unit", "assigned", "started", "participation", "completed",
                                           "completion", "passed", "pass_rate", "avg_score", "overdue")]
    rows = [_figure_row(name, f, w("hidden")) for name, f in _rows(facts.figures, w)]
    return [Heading(w("sections.figures")), Table(headers, rows, total=True, widths=[3] + [1] * 9)]


def _changes(facts: ReportFacts, w: Wording) -> list:
    now, before = facts.figures, facts.before
    earlier = {c.code: c for c in before.children}
    pairs = [(c.name, c, earlier.get(c.code)) for c in now.children]
    if now.own is not None or before.own is not None:
        pairs.append((w("own_learners"), now.own, before.own))
    pairs.append((w("totals"), now.unit, before.unit))
    rows = []
    for name, new, old in pairs:
        new, old = new or Figures(), old or Figures()
        rows.append([name, number(old.assigned), number(new.assigned), percent(old.completion),
                     percent(new.completion), points(new.completion, old.completion),
                     percent(old.pass_rate), percent(new.pass_rate)])
    c = lambda key: w(f"columns.{key}")  # noqa: E731
    headers = [c("unit"), f"{c('assigned')} ({c('previous_period')})", f"{c('assigned')} ({c('this_period')})",
               f"{c('completion')} ({c('previous_period')})", f"{c('completion')} ({c('this_period')})",
               f"{c('change')} (%)", f"{c('pass_rate')} ({c('previous_period')})",
               f"{c('pass_rate')} ({c('this_period')})"]
    return [Heading(w("sections.changes")), Table(headers, rows, total=True, widths=[3] + [1.1] * 7)]


def _overdue(facts: ReportFacts, w: Wording) -> list:
    late = [(name, f) for name, f in _rows(facts.figures, w)[:-1] if f.overdue]
    late.sort(key=lambda item: (-item[1].overdue, item[0].casefold()))
    blocks = [Heading(w("sections.overdue"))]
    if not late:
        return blocks + [Paragraph(w("no_overdue"))]
    rows = [[name, number(f.assigned), number(f.overdue), percent(f.completion)] for name, f in late]
    return blocks + [Table([w("columns.unit"), w("columns.assigned"), w("columns.overdue"), w("columns.completion")],
                           rows, widths=[3, 1, 1, 1])]


def _commendation(facts: ReportFacts, w: Wording) -> list:
    blocks = [Heading(w("sections.commendation"))]
    if facts.ranked:
        blocks += [Paragraph(w("units_commended")),
                   Table([w("columns.rank"), w("columns.unit"), w("columns.assigned"), w("columns.completion"),
                          w("columns.participation")],
                         [[str(rank), f.name, number(f.assigned), percent(f.completion), percent(f.participation)]
                          for rank, f in facts.ranked],
                         widths=[0.6, 3, 1, 1, 1], numeric=[True, False, True, True, True])]
    else:
        blocks.append(Paragraph(w("no_units_commended")))
    if facts.people:
        blocks += [Paragraph(w("people_commended")),
                   Table([w("columns.rank"), w("columns.person"), w("columns.unit"), w("columns.courses"),
                          w("columns.avg_score")],
                         [[str(i), p.name, p.unit, number(p.courses), decimal(p.avg_score)]
                          for i, p in enumerate(facts.people, start=1)], widths=[0.6, 2.5, 2.5, 0.8, 0.8],
                         numeric=[True, False, False, True, True])]
    else:
        blocks.append(Paragraph(w("no_people")))
    return blocks
