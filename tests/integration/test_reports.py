"""The report upward: files that open, figures equal to the statistics API, scope, bad input."""
import io
from datetime import timedelta

import pytest
from docx import Document
from pypdf import PdfReader

from app.assignments.models import Assignment
from app.clock import today
from app.courses.catalog import catalog
from app.courses.services import course_row, record_final_quiz_result
from app.reports.document import decimal, number, percent
from tests.support.client import login

TODAY = today()
START, END = TODAY - timedelta(days=60), TODAY + timedelta(days=60)
RANGE = ["--from", START.isoformat(), "--to", END.isoformat()]
QUERY = f"period=range&due_from={START.isoformat()}&due_to={END.isoformat()}"


@pytest.fixture
def world(db, make_unit, make_user, root_unit):
    """Two districts (one with a ward), learners in each, civics due inside the range (one
    assignment already overdue), and an assignment due outside it that must not count."""
    d1 = make_unit("D1", root_unit, kind="district", name="Quận Ba Đình")
    ward = make_unit("W1", d1, name="Phường Điện Biên")
    d2 = make_unit("D2", root_unit, kind="district", name="Quận Hoàn Kiếm")
    people = [make_user(unit=unit, name=f"Trần Thị Lụa {i}") for i, unit in enumerate([d1, ward, ward, d2] * 3)]
    for person in people:  # accounts older than the due dates, so that late ones count as overdue
        person.created_at -= timedelta(days=120)
    db.session.commit()
    civics = course_row(catalog().get("civics"))
    quizzed = course_row(catalog().get("quizzed"))
    for course, unit, due in ((civics, root_unit, TODAY + timedelta(days=20)), (quizzed, d2, TODAY - timedelta(days=5)),
                              (quizzed, d1, TODAY + timedelta(days=400))):
        db.session.add(Assignment(course_id=course.id, unit_id=unit.id, starts_on=TODAY - timedelta(days=90),
                                  due_on=due, active=True))
    db.session.commit()
    for person, score in zip(people[:6], (95.0, 88.0, 70.0, 91.0, 40.0, 99.0)):
        record_final_quiz_result(person.id, catalog().get("civics"), score, score >= 50)
    db.session.commit()
    admin = make_user("admin@example.org", role="admin")
    manager = make_user("manager@example.org", role="manager", unit=d1)
    return {"d1": d1, "d2": d2, "ward": ward, "admin": admin, "manager": manager}


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["reports", "unit", *args])


def docx_tables(path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(path).tables]


def docx_text(path) -> str:
    doc = Document(path)
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def figure_cells(item: dict, hidden: bool = False) -> list[str]:
    """The figures table's cells after the name for one unit of the statistics API; `hidden`:
    the privacy floor hides the unit's average (the API says null, the page and report "hidden")."""
    score = "ẩn" if hidden else decimal(item["avg_score"])
    return [number(item["assigned"]), number(item["started"]), percent(item["participation_rate"]),
            number(item["completed"]), percent(item["completion_rate"]), number(item["passed"]),
            percent(item["pass_rate"]), score, number(item["overdue"])]


def test_docx_figures_equal_the_statistics_api_for_the_same_unit_and_period(app, client, world, tmp_path):
    out = tmp_path / "r.docx"
    result = cli(app, "ROOT", *RANGE, "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    login(client, world["admin"].email)
    api = client.get(f"/api/v1/stats/units/ROOT?{QUERY}").get_json()
    assert api["assigned"] > 0 and api["overdue"] > 0 and api["passed"] > 0
    figures = next(t for t in docx_tables(out) if t[0][0] == "Đơn vị" and len(t[0]) == 10)
    rows = {row[0]: row[1:] for row in figures[1:]}
    page = client.get(f"/stats/units/ROOT?{QUERY}&lang=en").get_data(as_text=True)
    for child in api["children"]:
        page_row = next(tr for tr in page.split("<tr>") if f">{child['name']}</a>" in tr)
        hidden = "Hidden: fewer learners" in page_row
        assert rows[child["name"]] == figure_cells(child, hidden), child["name"]
    assert rows["Tổng cộng"] == figure_cells(api)
    # The assignment due outside the period is not counted: the page with the same filter agrees.
    assert f"<dd>{api['assigned']}</dd>" in page


def test_docx_has_the_decree_30_header_period_and_sections(app, world, tmp_path):
    out = tmp_path / "r.docx"
    assert cli(app, "D1", *RANGE, "--format", "docx", "-o", str(out)).exit_code == 0
    text = docx_text(out)
    for expected in ("THÀNH PHỐ THỬ NGHIỆM", "QUẬN BA ĐÌNH", "Số:", "/BC-D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", f"năm {TODAY.year}", "BÁO CÁO", "Nơi nhận:",
                     f"từ ngày {START.strftime('%d/%m/%Y')} đến ngày {END.strftime('%d/%m/%Y')}",
                     "Phường Điện Biên", "Trực tiếp tại Quận Ba Đình", "Tổng cộng", "ĐÁNH GIÁ VÀ KIẾN NGHỊ",
                     "SO SÁNH VỚI KỲ TRƯỚC", "ĐỀ NGHỊ KHEN THƯỞNG", "Trần Thị Lụa"):
        assert expected in text, expected
    # No self-review area yet: no section for it.
    assert "TỰ KIỂM ĐIỂM" not in text


def test_pdf_names_the_unit_period_child_rows_and_totals_with_diacritics(app, client, world, tmp_path):
    out = tmp_path / "r.pdf"
    assert cli(app, "ROOT", *RANGE, "--format", "pdf", "-o", str(out)).exit_code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    login(client, world["admin"].email)
    api = client.get(f"/api/v1/stats/units/ROOT?{QUERY}").get_json()
    for expected in ("THÀNH PHỐ THỬ NGHIỆM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                     f"từ ngày {START.strftime('%d/%m/%Y')}", "Quận Ba Đình", "Quận Hoàn Kiếm", "Tổng cộng"):
        assert expected in text, expected
    total_line = next(line for line in text.splitlines() if line.startswith("Tổng cộng"))
    assert " ".join(figure_cells(api)[:5]) in total_line


def test_year_and_quarter_periods_count_assignments_due_in_them(app, client, world, tmp_path):
    quarter = (TODAY.month - 1) // 3 + 1
    out = tmp_path / "q.docx"
    assert cli(app, "ROOT", "--period", f"{TODAY.year}-Q{quarter}", "--format", "docx", "-o", str(out)).exit_code == 0
    first = TODAY.replace(month=3 * quarter - 2, day=1)
    last = (first + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    login(client, world["admin"].email)
    api = client.get(f"/api/v1/stats/units/ROOT?period=range&due_from={first}&due_to={last}").get_json()
    total = next(row for t in docx_tables(out) for row in t if row[0] == "Tổng cộng" and len(row) == 10)
    assert total[1:] == figure_cells(api)
    assert f"quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {TODAY.year}" in docx_text(out)


@pytest.mark.parametrize("args, message", [
    (["--period", "2026-Q5"], "period '2026-Q5': expected a year"),
    (["--period", "2026-H3"], "period '2026-H3'"),
    (["--period", "last year"], "period 'last year'"),
    (["--from", "2026-02-30", "--to", "2026-03-01"], "--from '2026-02-30': expected a date"),
    (["--from", "2026-03-01", "--to", "2026-02-01"], "--to 2026-02-01 is before --from 2026-03-01"),
    (["--from", "2026-03-01"], "--from and --to go together"),
    (["--period", "2026", "--from", "2026-01-01", "--to", "2026-02-01"], "either --period or --from/--to"),
    ([], "no period"),
])
def test_bad_periods_are_refused_with_a_clear_message_and_no_file(app, world, tmp_path, args, message):
    out = tmp_path / "r.docx"
    result = cli(app, "ROOT", *args, "--format", "docx", "-o", str(out))
    assert result.exit_code == 2 and message in result.output and not out.exists()


def test_unknown_unit_is_refused(app, world, tmp_path):
    result = cli(app, "NOPE", "--period", "2026", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2 and "unknown unit 'NOPE'" in result.output


def test_manager_downloads_a_report_of_their_subtree_only(client, world):
    login(client, world["manager"].email)
    response = client.get(f"/reports/units/W1/download?{QUERY}&format=docx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert 'filename="bao-cao-W1-' in response.headers["Content-Disposition"]
    pdf = client.get(f"/reports/units/D1/download?{QUERY}&format=pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert client.get(f"/reports/units/D2/download?{QUERY}&format=docx").status_code == 403
    assert client.get("/reports/units/ROOT").status_code == 403


def test_the_statistics_page_links_to_the_report_form(client, world):
    login(client, world["manager"].email)
    page = client.get("/stats/units/D1").get_data(as_text=True)
    assert 'href="/reports/units/D1"' in page
    form = client.get("/reports/units/D1").get_data(as_text=True)
    assert 'name="period"' in form and 'value="docx"' in form and f"{TODAY.year}-Q" in form


@pytest.mark.parametrize("query", ["period=2026-Q9&format=docx", "period=range&due_from=2026-05-01&format=pdf",
                                   "period=range&due_from=2026-05-01&due_to=2026-04-01&format=pdf",
                                   "period=2026&format=odt"])
def test_bad_report_form_input_shows_the_form_with_an_error(client, world, query):
    login(client, world["admin"].email)
    response = client.get(f"/reports/units/D1/download?{query}&lang=en")
    assert response.status_code == 400 and 'role="alert"' in response.get_data(as_text=True)


def test_the_wording_comes_from_reports_dir_and_a_bad_placeholder_is_named(app, world, tmp_path):
    source = (app.config["REPORTS_DIR"] + "/bao-cao.yaml")
    wording = io.open(source, encoding="utf-8").read()
    custom = tmp_path / "wording"
    custom.mkdir()
    (custom / "bao-cao.yaml").write_text(wording.replace('type: "BÁO CÁO"', 'type: "BÁO CÁO NHANH"'), encoding="utf-8")
    app.config["REPORTS_DIR"] = str(custom)
    out = tmp_path / "r.docx"
    assert cli(app, "D1", *RANGE, "--format", "docx", "-o", str(out)).exit_code == 0
    assert "BÁO CÁO NHANH" in docx_text(out)
    (custom / "bao-cao.yaml").write_text(wording.replace("{unit} báo cáo", "{untit} báo cáo"), encoding="utf-8")
    result = cli(app, "D1", *RANGE, "--format", "docx", "-o", str(tmp_path / "bad.docx"))
    assert result.exit_code == 2 and "bao-cao.yaml: 'intro' uses unknown placeholder {untit}" in result.output


def test_people_proposed_passed_every_course_due_in_the_period_best_average_first(app, world, tmp_path):
    out = tmp_path / "r.docx"
    assert cli(app, "ROOT", *RANGE, "--format", "docx", "-o", str(out)).exit_code == 0
    people = next(t for t in docx_tables(out) if t[0][1] == "Họ và tên")
    # Lụa 3 (D2) passed civics with 91 but not quizzed, also due in the period; Lụa 4 failed.
    assert [row[1] for row in people[1:]] == ["Trần Thị Lụa 5", "Trần Thị Lụa 0", "Trần Thị Lụa 1", "Trần Thị Lụa 2"]
    assert people[1][4] == "99,0"


def test_changes_compare_with_the_period_just_before_and_overdue_units_are_listed(app, client, world, tmp_path):
    out = tmp_path / "r.docx"
    assert cli(app, "ROOT", *RANGE, "--format", "docx", "-o", str(out)).exit_code == 0
    login(client, world["admin"].email)
    api = client.get(f"/api/v1/stats/units/ROOT?{QUERY}").get_json()
    tables = docx_tables(out)
    changes = next(t for t in tables if len(t[0]) == 8)
    total = next(row for row in changes if row[0] == "Tổng cộng")
    assert total[1:3] == ["0", number(api["assigned"])] and total[5] == "—"  # nothing was due the period before
    overdue = next(t for t in tables if t[0] == ["Đơn vị", "Được giao", "Quá hạn", "Tỷ lệ hoàn thành"])
    d2 = next(c for c in api["children"] if c["code"] == "D2")
    assert overdue[1][:3] == ["Quận Hoàn Kiếm", number(d2["assigned"]), number(d2["overdue"])]
