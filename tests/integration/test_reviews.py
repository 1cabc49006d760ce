"""Self-review: who may read and change which review, the life of a review, the figures."""
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.clock import today
from app.reviews.catalog import forms
from app.reviews.models import Review, ReviewStatus
from app.reviews.services import open_round
from tests.support.client import login, post

SLUG = "can-bo-cong-chuc"


@pytest.fixture
def world(app, db, make_unit, make_user, root_unit):
    district = make_unit("D1", root_unit, kind="district")
    ward = make_unit("W1", district)
    other = make_unit("D2", root_unit, kind="district")
    people = {
        "writer": make_user("writer@example.org", unit=ward, name="Trần Văn Viết"),
        "colleague": make_user("colleague@example.org", unit=ward),
        "manager": make_user("manager@example.org", role="manager", unit=district, name="Lê Thị Quản"),
        "outsider": make_user("outsider@example.org", role="manager", unit=other),
        "trainer": make_user("trainer@example.org", role="trainer", unit=ward),
        "admin": make_user("admin@example.org", role="admin"),
    }
    round_ = open_round(None, forms()[SLUG], district, "civil_servant", str(today().year), today() + timedelta(days=30))
    db.session.commit()
    return {**people, "round": round_, "district": district}


def complete(form, rating="Tốt") -> dict:
    data = {}
    for item in form.items():
        if item.prompt:
            data[f"{item.id}-text"] = f"Trả lời {item.id}"
        else:
            data.update({f"{item.id}-rating": rating, f"{item.id}-account": f"Việc đã làm {item.id}",
                         f"{item.id}-evidence": "Biên bản"})
    return data


def as_user(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def write_and_submit(app, world) -> Review:
    client = as_user(app, world["writer"])
    rid = world["round"].id
    response = post(client, f"/reviews/rounds/{rid}/mine", {**complete(forms()[SLUG]), "action": "submit"})
    assert response.status_code == 302
    return Review.query.filter_by(user_id=world["writer"].id).one()


def test_a_person_writes_autosaves_and_reloads_their_own_draft(app, world):
    client = as_user(app, world["writer"])
    rid = world["round"].id
    assert client.get(f"/reviews/rounds/{rid}/mine").status_code == 200
    saved = post(client, f"/reviews/rounds/{rid}/mine/autosave", {"tang-qua-account": "Đã từ chối giỏ quà"})
    assert saved.status_code == 200 and "saved" in saved.get_json()
    assert "Đã từ chối giỏ quà" in client.get(f"/reviews/rounds/{rid}/mine").get_data(as_text=True)


def test_submitting_an_incomplete_review_is_refused_and_keeps_the_text(app, world, english):
    client = as_user(app, world["writer"])
    rid = world["round"].id
    response = post(client, f"/reviews/rounds/{rid}/mine", {"tang-qua-account": "Một phần", "action": "submit"})
    assert response.status_code == 400
    assert "Rate and explain every criterion" in response.get_data(as_text=True)
    review = Review.query.filter_by(user_id=world["writer"].id).one()
    assert review.status == ReviewStatus.DRAFT.value
    assert review.answers["tang-qua"]["account"] == "Một phần"


def test_a_person_outside_the_round_cannot_open_a_draft(app, world, make_user, make_unit):
    stranger = make_user("stranger@example.org", unit=make_unit("D9", None, kind="district"))
    client = as_user(app, stranger)
    assert client.get(f"/reviews/rounds/{world['round'].id}/mine").status_code == 403


def test_nobody_but_the_person_reads_a_draft(app, world):
    client = as_user(app, world["writer"])
    client.get(f"/reviews/rounds/{world['round'].id}/mine")
    review = Review.query.filter_by(user_id=world["writer"].id).one()
    for who in ("manager", "admin"):
        assert as_user(app, world[who]).get(f"/reviews/{review.id}").status_code == 404
    assert as_user(app, world["colleague"]).get(f"/reviews/{review.id}").status_code == 403


def test_after_submission_only_reviewers_in_scope_can_act(app, world, db):
    review = write_and_submit(app, world)
    writer = as_user(app, world["writer"])
    post(writer, f"/reviews/rounds/{world['round'].id}/mine", {"tang-qua-account": "Sửa lén", "action": "save"})
    assert db.session.get(Review, review.id).answers["tang-qua"]["account"] == "Việc đã làm tang-qua"
    for who in ("colleague", "trainer", "outsider"):
        client = as_user(app, world[who])
        assert client.get(f"/reviews/{review.id}").status_code == 403, who
        assert post(client, f"/reviews/{review.id}", {"action": "return", "comment": "x"}).status_code == 403, who
    assert db.session.get(Review, review.id).status == ReviewStatus.SUBMITTED.value
    assert as_user(app, world["manager"]).get(f"/reviews/{review.id}").status_code == 200
    assert as_user(app, world["admin"]).get(f"/reviews/{review.id}").status_code == 200


def test_return_revise_sign_off_lock_audit_and_pdf(app, world, db):
    review = write_and_submit(app, world)
    manager = as_user(app, world["manager"])
    assert post(manager, f"/reviews/{review.id}", {"action": "return", "comment": "Bổ sung minh chứng"}).status_code == 302
    writer = as_user(app, world["writer"])
    page = writer.get(f"/reviews/rounds/{world['round'].id}/mine").get_data(as_text=True)
    assert "Bổ sung minh chứng" in page
    write_and_submit(app, world)
    verdict = {"action": "sign_off", "overall_rating": "Tốt", "opinion": "Gương mẫu", "v-tang-qua-rating": "Tốt",
               "v-tang-qua-opinion": "Đã nộp lại quà đúng quy định"}
    assert post(manager, f"/reviews/{review.id}", verdict).status_code == 302
    db.session.expire_all()
    signed = db.session.get(Review, review.id)
    assert signed.status == ReviewStatus.SIGNED_OFF.value and signed.overall_rating == "Tốt"
    # Locked: neither the reviewer nor the person can change it any more.
    assert post(manager, f"/reviews/{review.id}", {"action": "assess", "overall_rating": "Đạt"}).status_code == 400
    post(writer, f"/reviews/rounds/{world['round'].id}/mine", {"tang-qua-account": "Sau kết luận"})
    db.session.expire_all()
    locked = db.session.get(Review, review.id)
    assert locked.overall_rating == "Tốt" and locked.answers["tang-qua"]["account"] == "Việc đã làm tang-qua"
    outcome = writer.get(f"/reviews/rounds/{world['round'].id}/mine").get_data(as_text=True)
    assert "Gương mẫu" in outcome and "Đã nộp lại quà đúng quy định" in outcome
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.target_type == "review")).all()
    assert actions == ["review.submit", "review.return", "review.submit", "review.assess", "review.sign_off"]
    for who in ("writer", "manager", "admin"):
        pdf = as_user(app, world[who]).get(f"/reviews/{review.id}/pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF"), who
    for who in ("colleague", "trainer", "outsider"):
        assert as_user(app, world[who]).get(f"/reviews/{review.id}/pdf").status_code == 403, who


def test_the_api_counts_the_round_and_keeps_its_scope(app, world, client):
    review = write_and_submit(app, world)
    manager = as_user(app, world["manager"])
    post(manager, f"/reviews/{review.id}", {"action": "sign_off", "overall_rating": "Đạt"})
    url = f"/api/v1/reviews/units/D1?round={world['round'].id}"
    body = manager.get(url).get_json()
    assert {k: body[k] for k in ("code", "assigned", "submitted", "signed_off", "overdue", "ratings")} == {
        "code": "D1", "assigned": 2, "submitted": 1, "signed_off": 1, "overdue": 0, "ratings": {"Đạt": 1}}
    assert [c["code"] for c in body["children"]] == ["W1"] and body["children"][0]["assigned"] == 2
    assert client.get(url).status_code == 401
    assert as_user(app, world["outsider"]).get(url).status_code == 403
    assert as_user(app, world["trainer"]).get(url).status_code == 403
    assert as_user(app, world["writer"]).get(url).status_code == 403


def test_a_manager_outside_the_subtree_sees_no_round_and_no_submission(app, world):
    write_and_submit(app, world)
    outsider = as_user(app, world["outsider"])
    assert outsider.get(f"/reviews/rounds/{world['round'].id}").status_code == 403
    assert "Trần Văn Viết" not in outsider.get("/reviews/").get_data(as_text=True)
    page = as_user(app, world["manager"]).get(f"/reviews/rounds/{world['round'].id}").get_data(as_text=True)
    assert "Trần Văn Viết" in page


def test_a_manager_opens_a_round_only_in_their_subtree(app, world, english):
    manager = as_user(app, world["manager"])
    data = {"form_slug": SLUG, "audience": "civil_servant", "period": "2026-Q3", "due_on": "2026-12-31"}
    wrong_period = post(manager, "/reviews/rounds/new", {**data, "unit_code": "W1"})
    assert wrong_period.status_code == 400 and "The period must suit the form" in wrong_period.get_data(as_text=True)
    assert post(manager, "/reviews/rounds/new", {**data, "unit_code": "D2", "period": "2026"}).status_code == 400
    assert post(manager, "/reviews/rounds/new", {**data, "unit_code": "W1", "period": "2026"}).status_code == 302


def test_cli_check_open_and_export(app, world, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["reviews", "check"]).exit_code == 0
    broken = tmp_path / "forms" / "hong"
    broken.mkdir(parents=True)
    (broken / "form.md").write_text("---\ntitle: X\nperiod: monthly\n---\n", encoding="utf-8")
    result = runner.invoke(args=["reviews", "check", "--dir", str(tmp_path / "forms")])
    assert result.exit_code == 1 and "hong/form.md:3: 'period' must be one of" in result.output
    opened = runner.invoke(args=["reviews", "open", "--form", SLUG, "--unit", "W1", "--period", "2026",
                                 "--due", "2026-12-31"])
    assert opened.exit_code == 0, opened.output
    bad = runner.invoke(args=["reviews", "open", "--form", SLUG, "--unit", "W1", "--period", "2026-Q5",
                              "--due", "2026-12-31"])
    assert bad.exit_code == 2 and "--period" in bad.output
    out = tmp_path / "round.csv"
    result = runner.invoke(args=["reviews", "export", "--round", str(world["round"].id), "--format", "csv",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Mã đơn vị,Đơn vị,Phải kiểm điểm")
    assert lines[1].startswith("D1,") and ",2,0,0,0" in lines[1]


def test_figures_page_drills_down_and_commendations_stay_in_scope(app, world, db):
    from app.reviews.models import Commendation

    write_and_submit(app, world)
    manager = as_user(app, world["manager"])
    rid = world["round"].id
    page = manager.get(f"/reviews/rounds/{rid}/units/D1").get_data(as_text=True)
    assert f"/reviews/rounds/{rid}/units/W1" in page and "<svg" in page
    assert manager.get(f"/reviews/rounds/{rid}/units/D2").status_code == 403
    assert post(manager, f"/reviews/rounds/{rid}/commendations",
                {"target": "writer@example.org", "reason": "Từ chối quà"}).status_code == 302
    post(manager, f"/reviews/rounds/{rid}/commendations", {"target": "D2", "reason": "Ngoài phạm vi"})
    post(manager, f"/reviews/rounds/{rid}/commendations", {"target": "W1", "reason": ""})
    assert [(c.user_id, c.reason) for c in db.session.scalars(select(Commendation))] == [
        (world["writer"].id, "Từ chối quà")]
    assert "Từ chối quà" in manager.get(f"/reviews/rounds/{rid}/units/W1").get_data(as_text=True)
    outsider = as_user(app, world["outsider"])
    assert outsider.get(f"/reviews/rounds/{rid}/units/D1").status_code == 403
    assert post(outsider, f"/reviews/rounds/{rid}/commendations", {"target": "D2", "reason": "x"}).status_code == 403


def test_cli_exports_the_commendations_of_a_round(app, world, tmp_path):
    manager = as_user(app, world["manager"])
    post(manager, f"/reviews/rounds/{world['round'].id}/commendations", {"target": "W1", "reason": "Đơn vị gương mẫu"})
    out = tmp_path / "khen.json"
    result = app.test_cli_runner().invoke(args=["reviews", "commendations", "--round", str(world["round"].id),
                                                "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    import json
    assert [(row["code"], row["reason"]) for row in json.loads(out.read_text(encoding="utf-8"))] == [
        ("W1", "Đơn vị gương mẫu")]


def test_the_figures_export_matches_the_api_for_every_unit(app, world):
    import json

    write_and_submit(app, world)
    manager = as_user(app, world["manager"])
    rid = world["round"].id
    rows = json.loads(manager.get(f"/reviews/rounds/{rid}/units/D1/export.json").data)
    assert [row["code"] for row in rows] == ["D1", "W1"]
    for row in rows:
        body = manager.get(f"/api/v1/reviews/units/{row['code']}?round={rid}").get_json()
        assert (row["assigned"], row["submitted"], row["overdue"]) == (body["assigned"], body["submitted"], body["overdue"])
    assert manager.get(f"/reviews/rounds/{rid}/units/D2/export.csv").status_code == 403


def test_a_broken_form_file_never_takes_the_pages_down(app, world, tmp_path):
    broken = tmp_path / "broken-forms" / "can-bo-cong-chuc"
    broken.mkdir(parents=True)
    (broken / "form.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    app.config["REVIEWS_DIR"] = str(tmp_path / "broken-forms")
    writer = as_user(app, world["writer"])
    assert writer.get("/reviews/").status_code == 200
    assert writer.get(f"/reviews/rounds/{world['round'].id}/mine").status_code == 404
    assert as_user(app, world["manager"]).get(f"/reviews/rounds/{world['round'].id}").status_code == 200


def test_saving_a_submitted_review_says_it_cannot_change(app, world, english):
    write_and_submit(app, world)
    writer = as_user(app, world["writer"])
    response = post(writer, f"/reviews/rounds/{world['round'].id}/mine", {"tang-qua-account": "Muộn", "action": "save"})
    assert response.status_code == 400
    assert "cannot take that step" in response.get_data(as_text=True)
    autosave = post(writer, f"/reviews/rounds/{world['round'].id}/mine/autosave", {"tang-qua-account": "Muộn"})
    assert autosave.status_code == 409


def test_the_report_upward_carries_the_rounds_due_in_its_period(app, world, db, tmp_path):
    from docx import Document

    write_and_submit(app, world)
    due = world["round"].due_on
    out = tmp_path / "report.docx"
    result = app.test_cli_runner().invoke(args=["reports", "unit", "D1", "--from", due.isoformat(), "--to",
                                                due.isoformat(), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "VI. KẾT QUẢ TỰ KIỂM ĐIỂM" in text and "1 đợt tự kiểm điểm" in text
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    header = next(r for r in rows if "Phải kiểm điểm" in r)
    figures = rows[rows.index(header) + 1]
    assert figures[header.index("Phải kiểm điểm")] == "2" and figures[header.index("Đã nộp")] == "1"


def test_the_report_upward_has_no_self_review_section_without_a_round_in_its_period(app, world, tmp_path):
    from docx import Document

    out = tmp_path / "report.docx"
    app.test_cli_runner().invoke(args=["reports", "unit", "D1", "--from", "2020-01-01", "--to", "2020-12-31",
                                       "--format", "docx", "-o", str(out)])
    assert "KẾT QUẢ TỰ KIỂM ĐIỂM" not in "\n".join(p.text for p in Document(str(out)).paragraphs)


def test_the_report_upward_words_its_self_review_section_from_the_wording_file(app, world, tmp_path):
    from docx import Document

    write_and_submit(app, world)
    custom = tmp_path / "wording"
    custom.mkdir()
    source = Path(app.config["REPORTS_DIR"]) / "bao-cao.yaml"
    (custom / "bao-cao.yaml").write_text(source.read_text(encoding="utf-8").replace(
        'review_signed_off: "Đã kết luận"', 'review_signed_off: "Đã có kết luận của cấp trên"'), encoding="utf-8")
    app.config["REPORTS_DIR"] = str(custom)
    due = world["round"].due_on.isoformat()
    out = tmp_path / "report.docx"
    result = app.test_cli_runner().invoke(args=["reports", "unit", "D1", "--from", due, "--to", due,
                                                "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cells = {c.text for table in Document(str(out)).tables for row in table.rows for c in row.cells}
    assert "Đã có kết luận của cấp trên" in cells and "Đã kết luận" not in cells
