"""Bulk onboarding in the browser: preview every problem, import all or nothing, idempotent, links."""
import io
import re

import pytest

from openpyxl import Workbook
from sqlalchemy import func, select

from app.auth.models import AccountToken, User
from tests.support.client import csrf_token, post
from tests.support.database import unit_by_code
from tests.support.imports import BAD, GOOD, upload


def confirm(app, client, token, kind="users"):
    assert post(client, f"/admin/{kind}/import/{token}/confirm").status_code == 302
    return client.get(f"/admin/{kind}/import/{token}/status").get_json()


def count_users(db):
    return db.session.scalar(select(func.count()).select_from(User))


def test_preview_lists_every_problem_by_row_and_column_and_a_bad_file_imports_nothing(app, admin_client, db):
    before = count_users(db)
    token, html = upload(admin_client, BAD.encode())
    assert "5 problems: nothing can be imported" in html or "problems" in html
    cells = re.sub(r"\s+", " ", html)
    for row, column in [("4", "email"), ("5", "unit_code"), ("6", "role"), ("6", "email")]:
        assert f'<td class="num">{row}</td> <td>{column}</td>' in cells
    assert "Import now" not in html
    post(admin_client, f"/admin/users/import/{token}/confirm")
    assert admin_client.get(f"/admin/users/import/{token}/status").get_json()["state"] == "failed"
    assert count_users(db) == before


def test_importing_the_same_file_twice_creates_no_duplicates(app, admin_client, db):
    before = count_users(db)
    token, html = upload(admin_client, GOOD.encode())
    assert "2 rows will be created" in html
    status = confirm(app, admin_client, token)
    assert status["state"] == "done" and status["result"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert status["done"] == status["total"] == 2
    token, html = upload(admin_client, GOOD.encode())
    assert "0 rows will be created" in html and "2 rows are unchanged" in html
    assert confirm(app, admin_client, token)["result"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert count_users(db) == before + 2


def test_xlsx_files_import_too_and_updates_are_previewed(app, admin_client, people, db):
    book = Workbook()
    sheet = book.active
    sheet.append(["email", "full_name", "unit_code", "role", "audience"])
    sheet.append(["inside@example.org", "Trần Văn Đổi Tên", "W1", "learner", "civil_servant"])
    buffer = io.BytesIO()
    book.save(buffer)
    token, html = upload(admin_client, buffer.getvalue(), "users.xlsx")
    assert "1 row will be updated" in html
    assert confirm(app, admin_client, token)["result"]["updated"] == 1
    db.session.expire_all()
    assert people["inside"].full_name == "Trần Văn Đổi Tên"


def test_confirming_twice_imports_once(app, admin_client, db):
    token, _ = upload(admin_client, GOOD.encode())
    post(admin_client, f"/admin/users/import/{token}/confirm")
    post(admin_client, f"/admin/users/import/{token}/confirm")
    assert count_users(db) == 7


def test_status_page_shows_progress_for_screen_readers(app, admin_client):
    token, _ = upload(admin_client, GOOD.encode())
    confirm(app, admin_client, token)
    html = admin_client.get(f"/admin/users/import/{token}").get_data(as_text=True)
    assert 'aria-live="polite"' in html and "<progress" in html and "2 created" in html


def test_activation_links_for_the_batch_print_and_csv_store_only_hashes(app, admin_client, db):
    token, _ = upload(admin_client, GOOD.encode())
    confirm(app, admin_client, token)
    html = post(admin_client, f"/admin/users/import/{token}/codes", {"format": "html"}).get_data(as_text=True)
    assert html.count("/auth/activate/") == 2 and "Nguyễn Văn A" in html
    csv_response = post(admin_client, f"/admin/users/import/{token}/codes", {"format": "csv"})
    text = csv_response.get_data(as_text=True)
    assert csv_response.mimetype == "text/csv" and text.count("/auth/activate/") == 2
    secret = text.split("/auth/activate/")[1].split()[0].strip()
    stored = db.session.scalars(select(AccountToken.token_hash)).all()
    assert secret not in stored and all(len(h) == 64 for h in stored)
    # the printed links were replaced by the CSV's; only the newest work
    old = html.split("/auth/activate/")[1].split("<")[0]
    anon = app.test_client()
    assert anon.get(f"/auth/activate/{old}").status_code == 404
    assert anon.get(f"/auth/activate/{secret}").status_code == 200
    data = {"password": "Welcome-2025", "confirm": "Welcome-2025", "csrf_token": csrf_token(anon)}
    assert anon.post(f"/auth/activate/{secret}", data=data).status_code == 302


def test_units_import_in_the_browser(app, admin_client, tree, db):
    data = b"code,name,kind,parent_code\nW9,Phuong Chin,ward,D2\nS1,Truong Mot,high_school,W9\n"
    token, html = upload(admin_client, data, "units.csv", kind="units")
    assert "2 rows will be created" in html
    assert confirm(app, admin_client, token, kind="units")["result"]["created"] == 2
    assert unit_by_code("S1").parent.code == "W9"


def test_too_large_an_upload_gets_a_clear_413_page(app, admin_client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = post(admin_client, "/admin/users/import?lang=en", {"file": (io.BytesIO(b"x" * 5000), "big.csv")},
                    content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than the site accepts" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_forged_token_finds_nothing(admin_client):
    assert admin_client.get("/admin/users/import/../../etc/passwd").status_code == 404
    assert admin_client.get("/admin/users/import/" + "A" * 32).status_code == 404


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HUGE_CELL = "x" * (200 * 1024)  # past the csv module's own 128 KiB field limit


@pytest.mark.parametrize("kind, name, data, row, column", [
    ("users", "users.csv", (GOOD + f'a9@example.org,"{HUGE_CELL}",W1,learner,civil_servant\n').encode(), "4", "full_name"),
    ("users", "users.xlsx", _xlsx([["email", "full_name", "unit_code", "role", "audience"],
                                   ["a9@example.org", "Ok", HUGE_CELL[:40_000], "learner", "civil_servant"]]), "2", "unit_code"),
    ("units", "units.csv", f"code,name,kind,parent_code\nW9,{HUGE_CELL},ward,D2\n".encode(), "2", "name"),
    ("units", "units.xlsx", _xlsx([["code", "name", "kind", "parent_code"], ["W9", HUGE_CELL[:40_000], "ward", "D2"]]),
     "2", "name"),
])
def test_an_oversized_import_field_is_a_row_and_column_error_not_a_500(app, admin_client, db, kind, name, data, row, column):
    before = count_users(db)
    token, html = upload(admin_client, data, name, kind=kind)
    assert f'<td class="num">{row}</td> <td>{column}</td>' in re.sub(r"\s+", " ", html)
    assert "10000 characters" in html and "Import now" not in html
    assert count_users(db) == before


def test_an_import_with_a_common_password_is_a_row_and_column_error(app, admin_client, db):
    data = ("email,full_name,unit_code,role,audience,password\n"
            "a1@example.org,Nguyễn Văn A,W1,learner,civil_servant,password1\n").encode()
    token, html = upload(admin_client, data)
    assert '<td class="num">2</td> <td>password</td>' in re.sub(r"\s+", " ", html)
    assert "too common" in html and "Import now" not in html


def test_the_import_reads_the_labels_the_interface_shows(app, admin_client, db):
    data = ("email,full_name,unit_code,role,audience\n"
            "nhan@example.org,Lê Văn Nhãn,W1,Học viên,\"Cán bộ, công chức\"\n"
            "quanly@example.org,Phạm Thị Quản,W1,Quản lý đơn vị,\n").encode()
    token, html = upload(admin_client, data)
    assert "2 rows will be created" in html
    confirm(app, admin_client, token)
    learner = db.session.scalar(select(User).filter_by(email="nhan@example.org"))
    manager = db.session.scalar(select(User).filter_by(email="quanly@example.org"))
    assert (learner.role, learner.audience, manager.role) == ("learner", "civil_servant", "manager")


@pytest.mark.parametrize("kind", ["users", "units"])
def test_a_sample_file_with_the_import_columns_downloads_from_the_import_page(admin_client, kind):
    from openpyxl import load_workbook

    page = admin_client.get(f"/admin/{kind}/import").get_data(as_text=True)
    assert f"/admin/{kind}/import/sample.xlsx" in page
    sheet = load_workbook(io.BytesIO(admin_client.get(f"/admin/{kind}/import/sample.xlsx").data)).active
    header = [c.value for c in sheet[1]]
    assert header[0] == ("email" if kind == "users" else "code")
    text = admin_client.get(f"/admin/{kind}/import/sample.csv").data.decode("utf-8-sig")
    assert text.startswith(",".join(header))
    assert admin_client.get(f"/admin/{kind}/import/sample.pdf").status_code == 404
