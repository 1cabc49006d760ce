"""Public verification, revocation, downloads, scope, lists, ZIP batch and published keys."""
import io
import json
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.certificates import credential
from app.certificates.keys import _key_from_json
from tests.support.certificates import issue
from tests.support.client import login, post


@pytest.fixture(autouse=True)
def _english_pages(english):
    """These tests read the English interface."""


@pytest.fixture
def certificate(db, learner):
    return issue(db, learner)


def test_verify_shows_valid_without_login_and_no_other_personal_data(client, certificate, learner):
    response = client.get(f"/verify/{certificate.code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Valid certificate" in html
    assert "Nguyễn Thị Hồng Nhung" in html and "Civics for civil servants" in html
    assert learner.unit.name in html and certificate.serial in html
    assert learner.email not in html and "@" not in html.split("<main", 1)[1]


def test_verify_says_revoked_after_revocation_and_not_found_for_a_made_up_code(client, db, certificate, make_user):
    admin = make_user("admin@example.org", role="admin")
    login(client, admin.email)
    response = post(client, f"/certificates/{certificate.code}/revoke", {"reason": "Cheating found"})
    assert response.status_code == 302
    client.post("/auth/logout", data={"csrf_token": ""})
    anonymous = client.application.test_client()
    html = anonymous.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Revoked certificate" in html and "Cheating found" not in html
    assert anonymous.get(f"/verify/{certificate.code}?format=json").get_json()["status"] == "revoked"
    made_up = anonymous.get("/verify/this-code-was-never-issued-0000")
    assert made_up.status_code == 404 and "Not found" in made_up.get_data(as_text=True)
    entry = db.session.scalar(select(AuditEntry).filter_by(action="certificate.revoke"))
    assert entry.actor_id == admin.id and entry.after["revoke_reason"] == "Cheating found"


def test_admin_reinstates_with_a_reason(client, db, certificate, make_user):
    login(client, make_user("admin@example.org", role="admin").email)
    post(client, f"/certificates/{certificate.code}/revoke", {"reason": "Mistake?"})
    post(client, f"/certificates/{certificate.code}/reinstate", {"reason": "Checked: it was fine"})
    assert client.get(f"/verify/{certificate.code}?format=json").get_json()["status"] == "valid"
    assert db.session.scalar(select(AuditEntry).filter_by(action="certificate.reinstate")).after["reason"]


def test_a_manager_cannot_revoke(client, certificate, make_user):
    login(client, make_user("boss@example.org", role="manager").email)
    assert post(client, f"/certificates/{certificate.code}/revoke", {"reason": "x"}).status_code == 403


def test_verify_json_has_only_public_facts(client, certificate):
    body = client.get(f"/verify/{certificate.code}", headers={"Accept": "application/json"}).get_json()
    assert body["status"] == "valid" and body["holder"] == "Nguyễn Thị Hồng Nhung"
    assert set(body) == {"status", "serial", "holder", "course", "unit", "issuer", "issued_at", "revoked_at", "code"}


def test_verify_lookups_are_rate_limited(app, client, certificate):
    app.config["VERIFY_RATE_LIMIT"] = "3 per minute"
    codes = [client.get(f"/verify/guess-{i}").status_code for i in range(4)]
    assert codes == [404, 404, 404, 429]


def test_landing_page_has_a_code_lookup_form(client, certificate):
    assert 'name="code"' in client.get("/").get_data(as_text=True)
    response = client.get(f"/verify?code={certificate.code}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/verify/{certificate.code}")


def test_learner_sees_and_downloads_own_certificate(learner_client, certificate):
    page = learner_client.get("/certificates/").get_data(as_text=True)
    assert certificate.serial in page
    pdf = learner_client.get(f"/certificates/{certificate.code}.pdf")
    assert pdf.mimetype == "application/pdf"
    assert "Nguyễn Thị Hồng Nhung" in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    signed = learner_client.get(f"/certificates/{certificate.code}.json").get_json()
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_learner_cannot_download_another_learners_certificate(client, db, certificate, make_user):
    other = make_user("other@example.org")
    login(client, other.email)
    assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 403
    assert client.get(f"/certificates/{certificate.code}.json").status_code == 403
    assert certificate.serial not in client.get("/certificates/").get_data(as_text=True)
    assert client.get("/certificates/manage").status_code == 403


@pytest.fixture
def two_districts(make_unit, root_unit, make_user, db):
    east, west = make_unit("EAST", root_unit), make_unit("WEST", root_unit)
    east_ward = make_unit("EAST-1", east)
    holder_east = make_user("east@example.org", unit=east_ward, name="Trần Văn Đông")
    holder_west = make_user("west@example.org", unit=west, name="Lê Thị Tây")
    manager = make_user("manager@example.org", role="manager", unit=east)
    return issue(db, holder_east), issue(db, holder_west), manager


def test_manager_downloads_only_within_the_subtree(client, two_districts):
    inside, outside, manager = two_districts
    login(client, manager.email)
    assert client.get(f"/certificates/{inside.code}.pdf").status_code == 200
    assert client.get(f"/certificates/{outside.code}.pdf").status_code == 403
    assert client.get(f"/certificates/{outside.code}.json").status_code == 403
    page = client.get("/certificates/manage").get_data(as_text=True)
    assert inside.serial in page and outside.serial not in page


def test_manager_batch_zip_holds_only_the_subtree(client, two_districts):
    inside, outside, manager = two_districts
    login(client, manager.email)
    response = client.get("/certificates/manage/batch.zip")
    assert response.headers["X-Certificate-Count"] == "1"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.namelist() == [f"{inside.serial}.pdf"]
        assert "Trần Văn Đông" in PdfReader(io.BytesIO(archive.read(f"{inside.serial}.pdf"))).pages[0].extract_text()


def test_admin_searches_by_name_and_serial_and_zips_the_result(client, two_districts, make_user):
    inside, outside, _ = two_districts
    login(client, make_user("admin@example.org", role="admin").email)
    page = client.get("/certificates/manage?q=Tây").get_data(as_text=True)
    assert outside.serial in page and inside.serial not in page
    page = client.get(f"/certificates/manage?q={inside.serial}").get_data(as_text=True)
    assert inside.serial in page and outside.serial not in page
    with zipfile.ZipFile(io.BytesIO(client.get("/certificates/manage/batch.zip").data)) as archive:
        assert sorted(archive.namelist()) == sorted([f"{inside.serial}.pdf", f"{outside.serial}.pdf"])


def test_published_keys_verify_a_downloaded_credential(learner_client, client, certificate):
    signed = learner_client.get(f"/certificates/{certificate.code}.json").get_json()
    did = client.get("/.well-known/did.json").get_json()
    jwks = client.get("/.well-known/jwks.json").get_json()
    assert did["verificationMethod"][0]["publicKeyMultibase"].startswith("z6Mk")
    assert signed["proof"]["verificationMethod"] == did["verificationMethod"][0]["id"]
    assert jwks["keys"][0]["kty"] == "OKP" and jwks["keys"][0]["crv"] == "Ed25519"
    assert credential.verify(signed, _key_from_json(did)) and credential.verify(signed, _key_from_json(jwks))
    assert signed["issuer"]["id"] == did["id"]


def test_signing_key_is_created_owner_only(app, learner_client, certificate):
    import os
    import stat

    learner_client.get(f"/certificates/{certificate.code}.json")
    mode = stat.S_IMODE(os.stat(app.config["CERTIFICATE_KEY_PATH"]).st_mode)
    assert mode == 0o600


def test_pdf_qr_points_at_the_public_base_url(app, learner_client, certificate):
    app.config["PUBLIC_BASE_URL"] = "https://academy.example.vn"
    from tests.support.certificates import qr_in_pdf
    import segno

    data = learner_client.get(f"/certificates/{certificate.code}.pdf").data
    url = f"https://academy.example.vn/verify/{certificate.code}"
    assert qr_in_pdf(data) == [list(r) for r in segno.make(url, error="m", boost_error=False).matrix]
    assert json.dumps(learner_client.get(f"/certificates/{certificate.code}.json").get_json()).count(url) >= 1


def test_a_certificate_shows_one_date_in_vietnam_time_on_every_page_and_the_pdf(db, make_user, client):
    """Issued at 00:30 on 1 January in Hanoi (still 31 December in UTC)."""
    from datetime import datetime

    from pypdf import PdfReader
    import io

    from app.certificates.models import Certificate
    from app.courses.catalog import catalog
    from app.courses.services import course_row
    from tests.support.client import login

    learner = make_user("cert@example.org")
    certificate = Certificate(user_id=learner.id, course_id=course_row(catalog().get("civics")).id,
                              serial="IA-2027-000001", code="date-check-code", course_title="Civics",
                              unit_name="Thành phố Thử nghiệm", issuer="Integrity Academy", score=90.0,
                              issued_at=datetime(2026, 12, 31, 17, 30), status="valid", content_hash="0" * 64)
    db.session.add(certificate)
    db.session.commit()
    login(client, learner.email)
    pages = [client.get(path).get_data(as_text=True) for path in ("/certificates/", "/verify/date-check-code")]
    for html in pages:
        assert "01/01/2027" in html and "31/12/2026" not in html and "2026-12-31" not in html
    assert client.get("/verify/date-check-code?format=json").get_json()["issued_at"] == "2027-01-01"
    pdf = PdfReader(io.BytesIO(client.get("/certificates/date-check-code.pdf").data))
    assert "01/01/2027" in "".join(page.extract_text() for page in pdf.pages)


def test_the_certificate_pdf_carries_a_signatory_block_from_configuration(app, db, make_user, client):
    from datetime import datetime
    import io

    from pypdf import PdfReader

    from app.certificates.models import Certificate
    from app.courses.catalog import catalog
    from app.courses.services import course_row
    from tests.support.client import login

    app.config.update(CERTIFICATE_SIGNATORY_NAME="Trần Thị Ký", CERTIFICATE_SIGNATORY_TITLE="Giám đốc")
    learner = make_user("signed@example.org")
    db.session.add(Certificate(user_id=learner.id, course_id=course_row(catalog().get("civics")).id,
                               serial="IA-2026-000009", code="signatory-code", course_title="Civics", unit_name="",
                               issuer="Học viện Liêm chính", score=90.0, issued_at=datetime(2026, 12, 4, 3, 0),
                               status="valid", content_hash="0" * 64))
    db.session.commit()
    login(client, learner.email)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get("/certificates/signatory-code.pdf").data)).pages)
    assert "ON BEHALF OF HỌC VIỆN LIÊM CHÍNH" in text and "GIÁM ĐỐC" in text and "Trần Thị Ký" in text


def test_the_holder_of_a_revoked_certificate_gets_no_signed_credential_and_a_stamped_pdf(client, db, certificate, learner):
    from app.certificates.services import revoke

    revoke(certificate, None, "Cheating found")
    db.session.commit()
    login(client, learner.email)
    response = client.get(f"/certificates/{certificate.code}.json")
    assert response.status_code == 410 and b"proof" not in response.data
    text = PdfReader(io.BytesIO(client.get(f"/certificates/{certificate.code}.pdf").data)).pages[0].extract_text()
    assert "REVOKED ON" in text and "NO LONGER VALID" in text


def test_the_zip_holds_at_most_the_configured_batch_and_the_page_says_so(app, client, two_districts, make_user):
    login(client, make_user("admin@example.org", role="admin").email)
    app.config["CERTIFICATE_BATCH_MAX"] = 1
    response = client.get("/certificates/manage/batch.zip")
    assert response.headers["X-Certificate-Count"] == "1"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert len(archive.namelist()) == 1
    assert "narrow the search" in client.get("/certificates/manage").get_data(as_text=True)


def test_the_zip_made_inside_a_request_finishes_within_a_gunicorn_timeout(app, client, two_districts, make_user):
    from config import Config

    assert Config.CERTIFICATE_STREAM_MAX <= 500  # 1,008 PDFs were cut off at 30 s
    assert Config.CERTIFICATE_BATCH_MAX >= 2000  # the queued batch has no web timeout
    login(client, make_user("admin@example.org", role="admin").email)
    app.config.update(CERTIFICATE_BATCH_MAX=2000, CERTIFICATE_STREAM_MAX=1)
    with client.get("/certificates/manage/batch.zip") as response:  # closed: it is streamed
        assert response.headers["X-Certificate-Count"] == "1"


def test_a_queued_batch_writes_the_subtree_zip_to_the_shared_dir_for_its_starter_only(
        app, client, two_districts, make_user, tmp_path):
    app.config["SHARED_DIR"] = str(tmp_path)
    inside, outside, manager = two_districts
    login(client, manager.email)
    response = post(client, "/certificates/manage/batch", {"q": ""})
    assert response.status_code == 302
    status_url = response.headers["Location"]
    job = client.get(status_url + ".json").get_json()
    assert job["status"] == "done" and job["done"] == job["total"] == 1
    assert "ZIP" in client.get(status_url).get_data(as_text=True)
    with zipfile.ZipFile(io.BytesIO(client.get(job["download"]).data)) as archive:
        assert archive.namelist() == [f"{inside.serial}.pdf"]
    assert list(tmp_path.glob("jobs/*.zip"))  # on the shared volume, not in one server's memory
    other = app.test_client()
    login(other, make_user("manager2@example.org", role="manager", unit=inside.user.unit).email)
    assert other.get(status_url + ".json").status_code == 403
    assert other.get(job["download"]).status_code == 403
