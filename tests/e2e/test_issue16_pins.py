"""What learners and managers feel (issue 16), pinned in the browser at 390×844 and 1280×900:
a header that leaves a phone's screen to the page for every role, no page wider than the screen,
the next step in the first screen, the certificate on a pass, a readable chart, Vietnamese staff
pages, and one date format from the certificate list to the PDF."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.support.browser import QUIZ_COURSE

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
DMY = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
#: other ways a date has been written on these pages: ISO, "5 thg 12, 2026", "Dec 5, 2026", "5/12/26"
OTHER_DATES = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\bthg\s*\d|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}"
                         r"|\b\d{1,2}/\d{1,2}/\d{2}\b(?!\d|/)")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


#: each role's main pages (the learner's result and certificate pages come from `passed`)
MAIN_PAGES = {
    "learner": ["/", "/courses/civics", "/courses/civics/lessons/conduct", f"/courses/{QUIZ_COURSE}/quiz",
                "/certificates/"],
    "manager": ["/", "/stats/", "/stats/units/HN-BD", "/stats/units/HN-BD/learners", "/assignments/",
                "/reports/units/HN-BD", "/reviews/"],
    "trainer": ["/", "/editor/", f"/editor/{QUIZ_COURSE}/", f"/editor/{QUIZ_COURSE}/files/quiz.md",
                f"/courses/{QUIZ_COURSE}/quiz/stats"],
    "admin": ["/", "/admin/", "/admin/users", "/admin/units", "/admin/users/import", "/admin/audit",
              "/certificates/manage", "/stats/units/HN", "/stats/units/HN/learners", "/assignments/", "/reviews/"],
}


@pytest.mark.parametrize("role", ["learner", "trainer", "manager", "admin"])
def test_phone_header_is_one_row_for_every_role(open_as, role):
    page = open_as(role, PHONE)
    for path in MAIN_PAGES[role][:2]:
        page.goto(path)
        assert header_height(page) <= 72, f"{role} {path}: the header takes {header_height(page)} px"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("role", MAIN_PAGES)
def test_no_main_page_of_a_role_is_wider_than_the_screen(open_as, role, viewport):
    page = open_as(role, VIEWPORTS[viewport])
    wide = {}
    for path in MAIN_PAGES[role]:
        response = page.goto(path)
        assert response.ok, f"{path}: {response.status}"
        if page_width(page) > VIEWPORTS[viewport]["width"]:
            wide[path] = page_width(page)
    assert wide == {}, f"pages wider than {VIEWPORTS[viewport]['width']} px"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_result_and_certificate_pages_fit_the_screen(open_as, passed, viewport):
    page = open_as("learner", VIEWPORTS[viewport], passed["state"])
    for path in (passed["result"], "/certificates/", f"/verify/{passed['code']}"):
        page.goto(path)
        assert page_width(page) <= VIEWPORTS[viewport]["width"], path


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_start_action_is_in_the_first_screen_of_the_course_page(open_as, viewport):
    page = open_as("learner", VIEWPORTS[viewport])
    page.goto("/courses/civics")
    action = page.locator("main .next-step a.button.primary")
    expect(action).to_be_visible()
    box = action.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORTS[viewport]["height"], f"the action is at {box['y']} px"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_passed_result_links_the_certificate_in_the_first_screen(open_as, passed, viewport):
    page = open_as("learner", VIEWPORTS[viewport], passed["state"])
    page.goto(passed["result"])
    link = page.locator(f"main a[href='/certificates/{passed['code']}.pdf']")
    expect(link).to_be_visible()
    assert link.bounding_box()["y"] < VIEWPORTS[viewport]["height"] * 1.5
    assert page.request.get(link.get_attribute("href")).headers["content-type"] == "application/pdf"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_completion_chart_has_a_fixed_readable_height_and_vietnamese_months(open_as, passed, viewport):
    page = open_as("manager", VIEWPORTS[viewport])
    page.goto("/stats/units/HN-BD")
    chart = page.locator("svg.chart.trend")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert 120 <= box["height"] <= 260, f"the chart is {box['height']} px tall"
    labels = chart.locator("text").all_text_contents()
    assert any(re.fullmatch(r"T\d{1,2}/\d{4}", label) for label in labels), labels
    assert not any(re.fullmatch(r"\d{2}-\d{2}|\d{4}-\d{2}", label) for label in labels), labels
    scale = box["height"] / float(chart.get_attribute("height"))
    assert 12 * scale >= 9, f"month labels drawn {12 * scale:.1f} px tall"


#: English words and raw codes that must not reach a Vietnamese staff page
ENGLISH = re.compile(
    r"certificate\.issue|\b(True|False|None)\b|secondary_student|civil_servant|higher_ed_student"
    r"|must be|\bunknown\b|\b(Save|Cancel|Delete|Submit|Search|Download|Learners?|Courses?|Units?|Users?"
    r"|Assigned|Completed|Overdue|Statistics|Reports?|Export|Import|Audit|Action|Actor|Score)\b")
#: main's text without the course's own words (the fixture courses are written in English): the
#: source in the editing box, rendered lessons, words marked as another language, and the quiz
#: key's questions (its labels and badges stay)
WITHOUT_CONTENT = """main => {
  const copy = main.cloneNode(true);
  copy.querySelectorAll("textarea, .prose, [lang]:not([lang=vi])").forEach(e => e.remove());
  copy.querySelectorAll(".quiz-key").forEach(key =>
    key.replaceChildren(...[...key.querySelectorAll(".badge, strong")].map(e => e.cloneNode(true))));
  return copy.innerText;
}"""
STAFF_PAGES = {
    "manager": MAIN_PAGES["manager"] + ["/stats/units/HN-BD/overdue", "/stats/units/HN-BD/ranking", "/assignments/new"],
    "trainer": MAIN_PAGES["trainer"] + [f"/editor/{QUIZ_COURSE}/files/course.md", "/editor/new"],
    "admin": MAIN_PAGES["admin"] + ["/admin/users/new", "/admin/units/import"],
}


@pytest.mark.parametrize("role", STAFF_PAGES)
def test_vietnamese_staff_pages_have_no_english_or_raw_codes(open_as, passed, role):
    page = open_as(role, DESKTOP)
    page.goto("/lang/vi")
    found = {}
    for path in STAFF_PAGES[role]:
        page.goto(path)
        text = re.sub(r"\s+", " ", page.locator("main").evaluate(WITHOUT_CONTENT))
        hits = sorted({text[max(0, m.start() - 30):m.end() + 30] for m in ENGLISH.finditer(text)})
        if hits:
            found[path] = hits
    assert found == {}


def test_one_date_format_across_the_certificate_pages_and_the_pdf(open_as, passed):
    page = open_as("learner", DESKTOP, passed["state"])
    page.goto("/lang/vi")
    texts = {}
    page.goto("/certificates/")
    texts["list"] = page.locator("main table tbody tr", has_text="Gifts and conflicts of interest").inner_text()
    page.goto(passed["result"])
    texts["result"] = page.locator("main").inner_text()
    page.goto(f"/verify/{passed['code']}")
    texts["verify"] = page.locator("main dl.details").inner_text()
    admin = open_as("admin", DESKTOP)
    admin.goto("/lang/vi")
    admin.goto("/certificates/manage")
    texts["manage"] = admin.locator("main tbody tr", has_text=passed["code"][:8]).first.inner_text() \
        if admin.locator("main tbody tr", has_text=passed["code"][:8]).count() else ""
    pdf = page.request.get(f"/certificates/{passed['code']}.pdf").body()
    texts["pdf"] = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    dates = {where: set(DMY.findall(text)) for where, text in texts.items()}
    others = {where: OTHER_DATES.findall(text) for where, text in texts.items() if OTHER_DATES.search(text)}
    assert others == {}, "a date written another way than dd/mm/yyyy"
    issued = dates["verify"]
    assert len(issued) == 1, texts["verify"]
    for where in ("list", "pdf"):
        assert issued <= dates[where], f"{where} shows {dates[where]}, the verification page {issued}"


@pytest.mark.parametrize("path", ["/admin/users", "/admin/audit"])
def test_admin_lists_start_in_the_first_phone_screen_with_their_filters_folded(open_as, path):
    page = open_as("admin", PHONE)
    page.goto(path)
    count = page.locator("main p[role=status]")
    assert count.bounding_box()["y"] < PHONE["height"] / 2, "the filter form pushes the list down"
    page.locator("main details.stats-filters summary").click()
    expect(page.locator("main form[role=search] button[type=submit]")).to_be_visible()
