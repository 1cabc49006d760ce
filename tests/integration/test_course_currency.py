"""A course says what law it teaches and when it was checked; staff see courses overdue a check."""
from tests.support.client import login

DATED = """reviewed: 2026-11-20
sources:
  - title: Luật Phòng, chống tham nhũng
    number: 36/2018/QH14
    issued: 2018-11-20
    effective: 2019-07-01
    note: sửa đổi, bổ sung năm 2025
---
"""


def date_civics(courses_dir, front=DATED):
    path = courses_dir / "civics" / "course.md"
    head, _, body = path.read_text(encoding="utf-8").partition("maintainers: [trainer@example.org]\n---\n")
    path.write_text(head + "maintainers: [trainer@example.org]\n" + front + body, encoding="utf-8")


def test_the_course_page_shows_the_review_date_and_each_source(client, make_user, courses_dir):
    date_civics(courses_dir)
    login(client, make_user("l@example.org").email)
    html = client.get("/courses/civics").get_data(as_text=True)
    assert "20/11/2026" in html
    assert "36/2018/QH14 — Luật Phòng, chống tham nhũng" in html
    assert "01/07/2019" in html and "sửa đổi, bổ sung năm 2025" in html


def test_staff_see_courses_never_reviewed_or_reviewed_over_a_year_ago_learners_do_not(client, make_user, courses_dir):
    date_civics(courses_dir, DATED.replace("2026-11-20", "2025-01-02"))
    trainer = make_user("t@example.org", role="trainer")
    login(client, trainer.email)
    html = client.get("/").get_data(as_text=True)
    assert 'id="outdated-title"' in html and "02/01/2025" in html
    assert "Honesty at school" in html.split('id="outdated-title"')[1].split("</section>")[0]


def test_learners_do_not_see_the_review_list(client, make_user):
    login(client, make_user("l@example.org").email)
    assert 'id="outdated-title"' not in client.get("/").get_data(as_text=True)


def test_a_course_reviewed_within_the_year_is_not_listed(client, make_user, courses_dir):
    date_civics(courses_dir)
    login(client, make_user("a@example.org", role="admin").email)
    section = client.get("/").get_data(as_text=True).split('id="outdated-title"')[1].split("</section>")[0]
    assert "Civics for civil servants" not in section
