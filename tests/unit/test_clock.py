"""The app's clock: today in the site's time zone, and the fake clock CI moves it with."""
import os
from datetime import date, datetime

import time_machine

from app import clock


def test_today_is_the_site_date_not_the_server_date():
    # 00:30 on 1 January in Hanoi is still 31 December in UTC.
    with time_machine.travel(datetime.fromisoformat("2026-12-31T17:30:00+00:00"), tick=False):
        assert clock.today() == date(2027, 1, 1)
        assert clock.utcnow() == datetime(2026, 12, 31, 17, 30)


def test_site_timezone_setting_decides_the_date(app):
    app.config["SITE_TIMEZONE"] = "UTC"
    with time_machine.travel(datetime.fromisoformat("2026-12-31T17:30:00+00:00"), tick=False):
        assert clock.today() == date(2026, 12, 31)


def test_a_naive_utc_timestamp_reads_in_site_time():
    assert clock.to_site_time(datetime(2026, 12, 31, 17, 30)).strftime("%d/%m/%Y %H:%M") == "01/01/2027 00:30"


def test_the_calendar_runs_really_move_the_clock():
    """Under TEST_CLOCK (make test-calendar) the whole suite runs at that moment."""
    moment = os.environ.get("TEST_CLOCK")
    if moment:
        assert clock.today() == datetime.fromisoformat(moment).date()
    else:
        assert clock.today().year >= 2026
