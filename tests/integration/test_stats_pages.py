"""Statistics pages, exports and API: scope, rules on the page, files, privacy floor."""
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.assignments.models import Assignment
from app.audit.models import AuditEntry
from app.clock import today
from app.courses.catalog import catalog
from app.courses.services import course_row, record_final_quiz_result
from tests.support.client import login, post

TODAY = today()


@pytest.fixture
def tree(db, make_unit, root_unit):
    district = make_unit("D1", root_unit, kind="district", name="Quận Ba Đình")
    ward = make_unit("W1", district, name="Phường Điện Biên")
    sibling = make_unit("D2", root_unit, kind="district", name="Quận Hoàn Kiếm")
    return {"root": root_unit, "district": district, "ward": ward, "sibling": sibling}


def assign(db, slug, unit, due=TODAY + timedelta(days=30), audience=None):
    row = course_row(catalog().get(slug))
    db.session.add(Assignment(course_id=row.id, unit_id=unit.id, audience=audience, starts_on=TODAY - timedelta(days=60),
                              due_on=due, active=True))
    db.session.commit()


@pytest.fixture
def admin_client(client, make_user):
    login(client, make_user("admin@example.org", role="admin").email)
    return client


@pytest.fixture
def manager_client(client, make_user, tree):
    login(client, make_user("manager@example.org", role="manager", unit=tree["district"]).email)
    return client


@pytest.mark.parametrize("path", ["/stats/units/D2", "/stats/units/D2/overdue", "/stats/units/D2/ranking",
                                  "/stats/units/D2/export.csv", "/stats/units/D2/export.xlsx?view=learners",
                                  "/api/v1/stats/units/D2", "/api/v1/stats/units/ROOT"])
def test_manager_cannot_see_units_outside_their_subtree(manager_client, path):
    assert manager_client.get(path).status_code in (403, 404)


def test_manager_sees_own_subtree_and_index_starts_there(manager_client):
    assert manager_client.get("/stats/").headers["Location"].endswith("/stats/units/D1")
    assert manager_client.get("/stats/units/W1").status_code == 200
    assert manager_client.get("/api/v1/stats/units/D1").status_code == 200


def test_the_api_answers_401_in_json_to_a_caller_not_logged_in(client, tree):
    response = client.get("/api/v1/stats/units/ROOT")
    assert response.status_code == 401 and response.get_json()["status"] == 401


def test_learners_and_trainers_see_no_statistics(client, make_user, tree):
    login(client, make_user("t@example.org", role="trainer").email)
    assert client.get("/stats/units/ROOT").status_code == 403
    assert client.get("/api/v1/stats/units/ROOT").status_code == 403


def test_unit_page_shows_figures_drill_down_rules_and_charts(admin_client, db, make_user, tree):
    make_user(unit=tree["ward"])
    assign(db, "civics", tree["root"])
    html = admin_client.get("/stats/units/ROOT?lang=en").get_data(as_text=True)
    assert 'href="/stats/units/D1"' in html and "Phường" not in html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Who is counted" in html and "joined after the due date" in html
    assert "<svg" in html and "<title" in html and "style=" not in html


def test_rules_late_joiner_inactive_and_other_audience(admin_client, db, make_user, tree):
    assign(db, "civics", tree["ward"], due=TODAY - timedelta(days=10), audience="civil_servant")
    early = make_user(unit=tree["ward"])
    late = make_user(unit=tree["ward"])
    early.created_at = early.created_at - timedelta(days=365)  # joined before the due date
    gone = make_user(unit=tree["ward"])
    gone.active = False
    make_user(unit=tree["ward"], audience="secondary_student")
    db.session.commit()
    body = admin_client.get("/api/v1/stats/units/W1").get_json()
    # late (joined today, after the due date) is assigned but not overdue; inactive and
    # the other audience are not counted at all.
    assert (body["assigned"], body["overdue"]) == (2, 1)
    assert late.active


def test_api_lists_children_one_level_down_with_their_child_codes(admin_client, db, make_user, tree):
    for _ in range(3):
        make_user(unit=tree["ward"])
    assign(db, "civics", tree["root"])
    body = admin_client.get("/api/v1/stats/units/ROOT").get_json()
    assert {k: body[k] for k in ("code", "assigned", "started", "completed", "passed", "overdue")} == {
        "code": "ROOT", "assigned": 3, "started": 0, "completed": 0, "passed": 0, "overdue": 0}
    d1 = next(c for c in body["children"] if c["code"] == "D1")
    assert d1["assigned"] == 3 and d1["children"] == ["W1"] and d1["name"] == "Quận Ba Đình"


def test_privacy_floor_hides_small_unit_average_outside_it(admin_client, client, db, make_user, tree):
    learners = [make_user(unit=tree["ward"]) for _ in range(3)]
    assign(db, "civics", tree["root"])
    record_final_quiz_result(learners[0].id, catalog().get("civics"), 90.0, True)
    db.session.commit()
    body = admin_client.get("/api/v1/stats/units/D1").get_json()
    assert body["avg_score"] is None and body["children"][0]["avg_score"] is None
    assert body["passed"] == 1  # counts still add up
    assert admin_client.get("/stats/units/W1/export.csv?view=learners").status_code == 403
    admin_client.post("/auth/logout", data={})
    inside = make_user("inside@example.org", role="manager", unit=tree["ward"])
    other = client.application.test_client()
    login(other, inside.email)
    assert other.get("/api/v1/stats/units/W1").get_json()["avg_score"] == 90.0


def test_csv_export_has_bom_and_vietnamese_text(admin_client, db, make_user, tree):
    make_user(unit=tree["ward"], name="Nguyễn Thị Hồng Nhung")
    assign(db, "civics", tree["root"], due=date(TODAY.year, 12, 31))  # "this year" on any day of it
    data = admin_client.get("/stats/units/ROOT/export.csv").data
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã đơn vị,Tên đơn vị") and "Quận Ba Đình" in text
    learners = admin_client.get("/stats/units/ROOT/export.csv?view=learners&period=year").data.decode("utf-8-sig")
    assert "Nguyễn Thị Hồng Nhung" in learners and "Phường Điện Biên" in learners


def test_xlsx_export_has_numeric_cells_and_percent_format(admin_client, db, make_user, tree):
    learner = make_user(unit=tree["ward"])
    make_user(unit=tree["ward"])
    assign(db, "civics", tree["root"])
    record_final_quiz_result(learner.id, catalog().get("civics"), 80.0, True)
    db.session.commit()
    response = admin_client.get("/stats/units/ROOT/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mã đơn vị", "Tên đơn vị", "Số người học", "Được giao"]
    row = [c for c in sheet[2]]
    assert row[3].value == 2 and isinstance(row[3].value, int)
    assert row[5].value == 0.5 and row[5].number_format == "0.0%"


def test_cli_export_json_covers_the_whole_tree(app, db, make_user, tree, tmp_path):
    make_user(unit=tree["ward"])
    assign(db, "civics", tree["root"])
    out = tmp_path / "tree.json"
    result = app.test_cli_runner().invoke(args=["stats", "export", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    import json
    rows = {r["code"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert set(rows) == {"ROOT", "D1", "W1", "D2"}
    assert rows["ROOT"]["assigned"] == rows["D1"]["assigned"] == rows["W1"]["assigned"] == 1


def test_assigned_course_is_visible_to_a_learner_of_another_audience(client, db, make_user, tree):
    pupil = make_user("pupil@example.org", unit=tree["ward"], audience="secondary_student")
    login(client, pupil.email)
    assert client.get("/courses/civics").status_code == 403
    assign(db, "civics", tree["district"], due=date(2030, 5, 31))
    assert client.get("/courses/civics").status_code == 200
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "Assigned to you" in html and "31/05/2030" in html


def test_manager_assigns_in_own_subtree_only_and_changes_are_audited(manager_client, db, tree):
    data = {"course": "civics", "unit_code": "W1", "audience": "", "starts_on": "2030-01-01", "due_on": "2030-06-30"}
    assert post(manager_client, "/assignments/new", data).status_code == 302
    assert post(manager_client, "/assignments/new", {**data, "unit_code": "D2"}).status_code == 400
    assignment = db.session.scalar(select(Assignment))
    assert post(manager_client, f"/assignments/{assignment.id}/active").status_code == 302
    db.session.refresh(assignment)
    assert assignment.active is False
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["assignment.create", "assignment.deactivate"]


def test_ranking_page_leaves_out_small_units(admin_client, app, db, make_user, tree):
    app.config["STATS_COMMEND_MIN"] = 2
    make_user(unit=tree["district"])
    make_user(unit=tree["district"])
    make_user(unit=tree["sibling"])
    assign(db, "civics", tree["root"])
    html = admin_client.get("/stats/units/ROOT/ranking").get_data(as_text=True)
    table = html.split("<tbody>")[1]
    assert "Quận Ba Đình" in table and "Quận Hoàn Kiếm" not in table


def test_learner_grid_shows_each_assigned_learner_with_status_and_filters(english, admin_client, db, make_user, tree):
    done = make_user(unit=tree["ward"], name="Trần Hoàn Thành")
    make_user(unit=tree["ward"], name="Lê Chưa Học")
    assign(db, "civics", tree["root"])
    record_final_quiz_result(done.id, catalog().get("civics"), 90.0, True)
    db.session.commit()
    html = admin_client.get("/stats/units/ROOT/learners").get_data(as_text=True)
    assert "Trần Hoàn Thành" in html and "Lê Chưa Học" in html and "2 learner-course rows." in html
    not_started = admin_client.get("/stats/units/ROOT/learners?status=not_started").get_data(as_text=True)
    assert "Lê Chưa Học" in not_started and "Trần Hoàn Thành" not in not_started
    assert "Chưa Học" not in admin_client.get("/stats/units/ROOT/learners?status=in_progress").get_data(as_text=True)


def test_learner_grid_pages_its_rows(english, admin_client, db, make_user, tree, monkeypatch):
    from app.stats import routes

    monkeypatch.setattr(routes, "LEARNERS_PER_PAGE", 2)
    for n in range(5):
        make_user(unit=tree["ward"], name=f"Người Số {n}")
    assign(db, "civics", tree["root"])
    first = admin_client.get("/stats/units/ROOT/learners").get_data(as_text=True)
    third = admin_client.get("/stats/units/ROOT/learners?page=3").get_data(as_text=True)
    assert "Page 1 of 3" in first and first.count("Người Số") == 2 and third.count("Người Số") == 1


def test_learner_grid_keeps_the_privacy_floor_for_viewers_outside_a_small_unit(english, admin_client, db, make_user, tree):
    for _ in range(3):
        make_user(unit=tree["ward"], name="Phạm Riêng Tư")
    assign(db, "civics", tree["root"])
    html = admin_client.get("/stats/units/W1/learners").get_data(as_text=True)
    assert "too few learners" in html and "Phạm Riêng Tư" not in html
    assert "Phạm Riêng Tư" in admin_client.get("/stats/units/ROOT/learners").get_data(as_text=True)


def test_assignments_page_shows_what_was_assigned_above_the_managers_unit(english, manager_client, db, tree):
    assign(db, "civics", tree["root"])  # made at the city level, covers the manager's district
    assign(db, "students", tree["sibling"])  # another district: not the manager's business
    html = manager_client.get("/assignments/").get_data(as_text=True)
    above = html.split("Assigned from above", 1)[1]
    assert "Civics for civil servants" in above and "Thành phố Thử nghiệm" in above
    assert "Quận Hoàn Kiếm" not in html
    assert "/edit" not in above and "/active" not in above  # read-only for this manager


def test_xlsx_export_has_a_frozen_styled_header_widths_and_dates_in_the_site_format(admin_client, db, make_user, tree):
    make_user(unit=tree["ward"], name="Nguyễn Văn Ngày")
    assign(db, "civics", tree["root"])
    response = admin_client.get("/stats/units/ROOT/export.xlsx?view=learners")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("A4161A")
    assert sheet.column_dimensions["C"].width >= 20  # names are not squeezed
    due = [c for c in sheet[1] if c.value == "Hạn hoàn thành"][0].column
    assert sheet.cell(row=2, column=due).number_format == "dd/mm/yyyy"


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_a_name_that_starts_a_formula_is_inert_in_csv_and_xlsx_exports(admin_client, db, make_user, tree, name):
    make_user(unit=tree["ward"], name=name)
    for _ in range(5):
        make_user(unit=tree["ward"])
    assign(db, "civics", tree["root"])
    import csv

    csv_text = admin_client.get("/stats/units/ROOT/export.csv?view=learners").data.decode("utf-8-sig")
    names = [row[2] for row in csv.reader(io.StringIO(csv_text, newline=""))]
    stored = name.strip()  # accounts keep names without surrounding white space
    assert "'" + stored in names and stored not in names
    sheet = load_workbook(io.BytesIO(admin_client.get("/stats/units/ROOT/export.xlsx?view=learners").data)).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and name.strip() in c.value]
    assert cells and all(c.data_type == "s" and c.value.startswith("'") for c in cells)


def test_numbers_stay_numbers_in_xlsx_exports(admin_client, db, make_user, tree):
    for _ in range(6):
        make_user(unit=tree["ward"])
    assign(db, "civics", tree["root"])
    sheet = load_workbook(io.BytesIO(admin_client.get("/stats/units/ROOT/export.xlsx").data)).active
    assert isinstance(sheet["D2"].value, int)


def test_exports_name_audiences_in_words_and_json_keeps_the_codes(admin_client, db, make_user, tree):
    import csv

    for _ in range(6):
        make_user(unit=tree["ward"], audience="civil_servant")
    assign(db, "civics", tree["root"])
    text = admin_client.get("/stats/units/ROOT/export.csv?view=learners").data.decode("utf-8-sig")
    audiences = {row[4] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]}
    assert audiences == {"Cán bộ, công chức"}
    sheet = load_workbook(io.BytesIO(admin_client.get("/stats/units/ROOT/export.xlsx?view=learners").data)).active
    assert sheet["E2"].value == "Cán bộ, công chức"
    rows = admin_client.get("/stats/units/ROOT/export.json?view=learners").get_json()
    assert {r["audience"] for r in rows} == {"civil_servant"}
