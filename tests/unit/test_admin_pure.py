"""Pure helpers of the administration area: preview classification, pages, lockout back-off."""
from datetime import timedelta

from app.paging import Page, page_number
from app.admin.preview import classify
from app.auth.throttle import lock_delay


def test_classify_sorts_rows_into_created_updated_unchanged():
    rows = [{"email": "a", "name": "A"}, {"email": "b", "name": "B2"}, {"email": "c", "name": "C"}]
    plan = classify(rows, "email", ["name"], {"b": ("B",), "c": ("C",)})
    assert [r["email"] for r in plan["created"]] == ["a"]
    assert [r["email"] for r in plan["updated"]] == ["b"]
    assert [r["email"] for r in plan["unchanged"]] == ["c"]


def test_page_arithmetic():
    page = Page([], total=101, number=3, per_page=50)
    assert (page.pages, page.offset, page.has_prev, page.has_next) == (3, 100, True, False)
    assert Page([], 0, 1, 50).pages == 1


def test_page_number_survives_junk():
    assert page_number("abc") == 1 and page_number("-4") == 1 and page_number("7") == 7 and page_number(None) == 1


def test_lockout_starts_after_n_failures_and_doubles_up_to_a_cap():
    settings = {"after": 5, "base_seconds": 30, "max_seconds": 3600}
    assert lock_delay(4, **settings) is None
    assert lock_delay(5, **settings) == timedelta(seconds=30)
    assert lock_delay(6, **settings) == timedelta(seconds=60)
    assert lock_delay(7, **settings) == timedelta(seconds=120)
    assert lock_delay(500, **settings) == timedelta(seconds=3600)


def test_spreadsheet_text_defuses_every_formula_start_and_leaves_other_text():
    from app.tabular import spreadsheet_text

    for start in ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＠"):
        assert spreadsheet_text(start + "1+1") == "'" + start + "1+1"
    assert spreadsheet_text("Nguyễn Văn An") == "Nguyễn Văn An" and spreadsheet_text("") == ""


def test_a_pause_is_stored_with_whole_seconds_as_redis_requires():
    """Redis' EXPIRE refuses '30.0': a float expiry made every fifth failed login a 500 on Redis."""
    from limits.storage import MemoryStorage

    from app.auth.throttle import Lockout, record_failure

    expiries = []

    class Recording(MemoryStorage):
        def incr(self, key, expiry, amount=1):
            expiries.append(expiry)
            return super().incr(key, expiry, amount)

    for _ in range(2):
        record_failure(Recording(), "login-pair/x", Lockout(after=1, base_seconds=30, max_seconds=60))
    assert expiries and all(type(e) is int for e in expiries)
