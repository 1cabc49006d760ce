"""Signed credentials without the app: JCS, base58, eddsa-jcs-2022 sign and verify."""
from datetime import datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.certificates import credential
from app.certificates.credential import CredentialFacts, base58_decode, base58_encode, canonicalize


def facts(**changes) -> CredentialFacts:
    values = dict(
        credential_id="https://academy.example.vn/verify/abc", issuer_id="did:web:academy.example.vn",
        issuer_name="Học viện Liêm chính", issuer_url="https://academy.example.vn/",
        holder_name="Nguyễn Thị Hồng Nhung", course_id="https://academy.example.vn/courses/civics",
        course_title="Đạo đức công vụ", course_summary="", unit_name="Phường Điện Biên",
        serial="IA-2026-000001", issued_at=datetime(2026, 3, 1, 8, 30, 15, 123456),
        status_url="https://academy.example.vn/verify/abc?format=json", content_hash="ab" * 32, git_commit=None,
    )
    values.update(changes)
    return CredentialFacts(**values)


def signed(key=None):
    key = key or Ed25519PrivateKey.generate()
    doc = credential.build_credential(facts())
    return credential.sign(doc, key, "did:web:academy.example.vn#key-1", datetime(2026, 3, 1, 8, 30)), key


def test_jcs_sorts_keys_drops_whitespace_and_keeps_utf8():
    assert canonicalize({"b": [1, 2.5, True, None], "a": "ễ\n"}) == '{"a":"ễ\\n","b":[1,2.5,true,null]}'.encode()


def test_jcs_orders_keys_by_utf16_code_units():
    # U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 although its code point is larger.
    assert canonicalize({"\ufb33": 1, "\U0001f600": 2, "a": 3}) == '{"a":3,"\U0001f600":2,"\ufb33":1}'.encode()


@pytest.mark.parametrize("number, text", [(1.0, "1"), (0.000001, "0.000001"), (1e-7, "1e-7"), (1e21, "1e+21"),
                                          (123456789012.5, "123456789012.5"), (-0.5, "-0.5")])
def test_jcs_formats_numbers_as_ecmascript_does(number, text):
    assert canonicalize(number) == text.encode()


def test_base58_matches_known_vectors_and_round_trips():
    assert base58_encode(b"hello world") == "StV1DL6CwTryKyV"
    assert base58_encode(b"\0\0\x01") == "112"
    assert base58_decode("112") == b"\0\0\x01"


def test_public_key_multibase_is_an_ed25519_multikey():
    key = Ed25519PrivateKey.generate().public_key()
    assert credential.public_key_multibase(key).startswith("z6Mk")


def test_credential_is_an_open_badge_3_with_a_data_integrity_proof():
    doc, _ = signed()
    assert doc["@context"] == [credential.VC_CONTEXT, credential.OB3_CONTEXT]
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["validFrom"] == "2026-03-01T08:30:15Z"
    assert doc["credentialSubject"]["achievement"]["name"] == "Đạo đức công vụ"
    assert doc["credentialStatus"]["id"].endswith("?format=json")
    assert doc["proof"]["cryptosuite"] == "eddsa-jcs-2022" and doc["proof"]["proofValue"].startswith("z")


def test_intact_credential_verifies():
    doc, key = signed()
    assert credential.verify(doc, key.public_key())


def test_one_changed_character_fails():
    doc, key = signed()
    doc["credentialSubject"]["identifier"][0]["identityHash"] = "Nguyễn Thị Hồng Nhunh"
    assert not credential.verify(doc, key.public_key())


def test_a_changed_proof_option_fails():
    doc, key = signed()
    doc["proof"]["created"] = "2027-01-01T00:00:00Z"
    assert not credential.verify(doc, key.public_key())


def test_another_key_fails():
    doc, _ = signed()
    assert not credential.verify(doc, Ed25519PrivateKey.generate().public_key())


def test_signing_twice_gives_the_same_document():
    key = Ed25519PrivateKey.generate()
    assert signed(key)[0] == signed(key)[0]
