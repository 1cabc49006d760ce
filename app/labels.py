"""Human labels for stored codes, translated at render time."""
import unicodedata

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "learner": _l("Learner"),
    "trainer": _l("Trainer"),
    "manager": _l("Unit manager"),
    "admin": _l("Administrator"),
}
AUDIENCE_LABELS = {
    "all": _l("Everyone"),
    "civil_servant": _l("Cadre or civil servant"),
    "public_employee": _l("Public employee"),
    "secondary_student": _l("Secondary school student"),
    "higher_ed_student": _l("University, college or vocational student"),
    "other": _l("Other"),
}
UNIT_KIND_LABELS = {
    "province": _l("Province or city"),
    "district": _l("District"),
    "ward": _l("Ward"),
    "commune": _l("Commune"),
    "department": _l("Department"),
    "agency": _l("Agency"),
    "training_school": _l("Cadre training school"),
    "secondary_school": _l("Lower secondary school"),
    "high_school": _l("High school"),
    "university": _l("University"),
    "college": _l("College"),
    "vocational_school": _l("Vocational school"),
    "other": _l("Other"),
}

#: the quiz parser's question kinds (app/quizzes/parser.py), as an author reads them in the editor
QUESTION_KIND_LABELS = {
    "single": _l("One correct answer"),
    "multiple": _l("Several correct answers"),
    "truefalse": _l("True or false"),
    "short": _l("Short written answer"),
}

REVIEW_STATUS_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned for revision"),
    "signed_off": _l("Signed off"),
}


def label(table: dict, code: str | None) -> str:
    """The label of `code`, or the code itself when it has none."""
    if code is None:
        return ""
    return str(table.get(code, code))


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def code_for(table: dict, text: str | None) -> str | None:
    """The stored code a person wrote in a file: the code itself, or its label in any of the
    site's languages ('Học viên', 'learner' and 'Learner' all give 'learner'); None if unknown."""
    if text is None or not text.strip():
        return None
    wanted = _plain(text)
    for code in table:
        if wanted == code.casefold():
            return code
    for language in ("vi", "en"):
        with force_locale(language):
            for code, label in table.items():
                if _plain(str(label)) == wanted:
                    return code
    return None


def template_helpers() -> dict:
    return {
        "role_label": lambda code: label(ROLE_LABELS, code),
        "audience_label": lambda code: label(AUDIENCE_LABELS, code),
        "unit_kind_label": lambda code: label(UNIT_KIND_LABELS, code),
        "review_status_label": lambda code: label(REVIEW_STATUS_LABELS, code),
        "question_kind_label": lambda code: label(QUESTION_KIND_LABELS, code),
    }
