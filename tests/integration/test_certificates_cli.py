"""`flask certificates …` and the demo seed: list, pdf, export, verify offline, revoke, reinstate."""
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader
from sqlalchemy import select

from app.auth.models import User
from app.certificates.models import Certificate
from tests.support.certificates import issue


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


@pytest.fixture
def certificate(db, learner):
    return issue(db, learner)


@pytest.fixture
def exported(app, certificate, tmp_path):
    path = tmp_path / "credential.json"
    result = run(app, "certificates", "export", certificate.code, "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_list_json_names_serial_code_holder_course_and_status(app, certificate):
    result = run(app, "certificates", "list", "--format", "json")
    assert result.exit_code == 0
    [item] = json.loads(result.output)
    assert item["serial"] == certificate.serial and item["code"] == certificate.code
    assert item["holder"] == "Nguyễn Thị Hồng Nhung" and item["course"] == "civics" and item["status"] == "valid"


def test_pdf_writes_the_certificate(app, certificate, tmp_path):
    path = tmp_path / "c.pdf"
    assert run(app, "certificates", "pdf", certificate.code, "-o", str(path)).exit_code == 0
    assert "Nguyễn Thị Hồng Nhung" in PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()


def test_an_exported_credential_verifies_offline(app, exported):
    result = run(app, "certificates", "verify", str(exported))
    assert result.exit_code == 0 and "VALID" in result.output


def test_one_changed_character_fails_verification(app, exported):
    text = exported.read_text(encoding="utf-8")
    assert "Hồng Nhung" in text
    exported.write_text(text.replace("Hồng Nhung", "Hồng Nhunh"), encoding="utf-8")
    assert run(app, "certificates", "verify", str(exported)).exit_code == 1


def test_a_credential_signed_with_another_key_fails(app, certificate, exported, tmp_path):
    from app.certificates import credential

    signed = json.loads(exported.read_text(encoding="utf-8"))
    forged = credential.sign({k: v for k, v in signed.items() if k != "proof"}, Ed25519PrivateKey.generate(),
                             signed["proof"]["verificationMethod"], certificate.issued_at)
    exported.write_text(json.dumps(forged), encoding="utf-8")
    assert run(app, "certificates", "verify", str(exported)).exit_code == 1


def test_verify_with_a_published_jwks_file(app, client, exported, tmp_path):
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(client.get("/.well-known/jwks.json").get_json()), encoding="utf-8")
    assert run(app, "certificates", "verify", str(exported), "--key", str(jwks)).exit_code == 0
    other = tmp_path / "other.pem"
    other.write_bytes(Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    assert run(app, "certificates", "verify", str(exported), "--key", str(other)).exit_code == 1


def test_a_revoked_credential_fails_and_passes_again_once_reinstated(app, certificate, exported):
    assert run(app, "certificates", "revoke", certificate.code, "--reason", "Fraud").exit_code == 0
    result = run(app, "certificates", "verify", str(exported))
    assert result.exit_code == 1 and "REVOKED" in result.output
    assert run(app, "certificates", "reinstate", certificate.code).exit_code == 0
    assert run(app, "certificates", "verify", str(exported)).exit_code == 0


@pytest.mark.slow  # seeds the whole demo: about 7 s
def test_demo_seed_gives_the_demo_learner_a_certificate(app, db):
    assert run(app, "demo", "seed").exit_code == 0
    user = db.session.scalar(select(User).filter_by(email="hocvien@demo.liemchinh.vn"))
    certificate = db.session.scalar(select(Certificate).filter_by(user_id=user.id))
    assert user.full_name == "Nguyễn Thị Hồng Nhung"
    assert certificate is not None and certificate.score == 90.0 and certificate.status == "valid"
    listed = json.loads(run(app, "certificates", "list", "--format", "json").output)
    assert any(item["holder"] == "Nguyễn Thị Hồng Nhung" for item in listed)


def test_a_credential_with_a_repeated_key_is_refused_even_if_one_reading_verifies(app, exported):
    """{"identityHash": forged, "identityHash": real}: Python keeps the last (signed) value, others the first."""
    import re

    text = exported.read_text(encoding="utf-8")
    holder = re.search(r'"identityHash": "[^"]*Nhung"', text).group(0)
    forged = text.replace(holder, f'"identityHash": "Kẻ Mạo Danh", {holder}', 1)
    exported.write_text(forged, encoding="utf-8")
    result = run(app, "certificates", "verify", str(exported))
    assert result.exit_code == 2 and "more than once" in result.output


def test_export_refuses_to_sign_a_revoked_certificate(app, certificate, tmp_path, db):
    from app.certificates.services import revoke

    revoke(certificate, None, "Cheating found")
    db.session.commit()
    result = run(app, "certificates", "export", certificate.code, "-o", str(tmp_path / "r.json"))
    assert result.exit_code == 1 and "revoked" in result.output and not (tmp_path / "r.json").exists()
