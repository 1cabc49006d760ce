"""Every string a person reads is translatable, and the Vietnamese catalogue is complete."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "M": None}
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(APP), METHODS, keywords=KEYWORDS, comment_tags=()):
        found.add(message if isinstance(message, str) else message[0])
    return {m for m in found if m}


def vietnamese_catalog():
    with open(APP / "translations" / "vi" / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale="vi")


def test_every_source_string_has_a_vietnamese_translation():
    catalog = vietnamese_catalog()
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        value = message.string if isinstance(message.string, str) else "".join(message.string)
        if value and "fuzzy" not in message.flags:
            translated[key] = value
    missing = sorted(source_messages() - set(translated))
    assert missing == [], f"{len(missing)} string(s) without Vietnamese translation: {missing[:20]}"


def test_translations_keep_their_placeholders():
    import re

    placeholder = re.compile(r"%\([a-z_]+\)[sd]")
    for message in vietnamese_catalog():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(placeholder.findall(ids[0]))
        for string in strings:
            assert set(placeholder.findall(string)) == expected, message.id



def test_catalogue_compiles_without_errors():
    problems = [(message.id, [str(e) for e in errors]) for message, errors in vietnamese_catalog().check()]
    assert problems == []
