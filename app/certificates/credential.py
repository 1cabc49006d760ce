"""Signed Open Badges 3.0 / W3C Verifiable Credential documents. Pure: no Flask, no database.

The proof is a W3C Data Integrity proof with the "eddsa-jcs-2022" cryptosuite: the document
and the proof options are canonicalised with JCS (RFC 8785), hashed with SHA-256, and the
concatenated hashes are signed with Ed25519. The signature is multibase base58btc ("z…").
"""
from __future__ import annotations

import copy
import hashlib
import json
import math
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CRYPTOSUITE = "eddsa-jcs-2022"
#: Multicodec prefix of an Ed25519 public key, so the multibase key reads "z6Mk…".
ED25519_MULTICODEC = b"\xed\x01"
B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class CredentialError(ValueError):
    """The document is not a credential this site can check."""


# --- RFC 8785 JSON Canonicalization Scheme -------------------------------------------------

def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise CredentialError(f"the JSON names {', '.join(repeated)} more than once: a verifier could read another value than the one signed")
    return dict(pairs)


def load_json(text: str | bytes) -> dict:
    """Parse a credential or key document, refusing duplicate keys: `{"name": A, "name": B}`
    is read as B here and as A by other parsers, so the signed value would be ambiguous."""
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys)
    except CredentialError:
        raise
    except ValueError as error:
        raise CredentialError(f"not valid JSON: {error}") from None
    if not isinstance(document, dict):
        raise CredentialError("not a JSON object")
    return document


def _jcs_number(value) -> str:
    """ECMAScript Number-to-String for the numbers a credential may hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise CredentialError("integer too large for JCS")
        return str(value)
    if not math.isfinite(value):
        raise CredentialError("NaN and Infinity are not JSON")
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)  # shortest round-trip form, as ECMAScript requires
    if "e" in text:
        mantissa, exponent = text.split("e")
        exp = int(exponent)
        if -7 < exp < 21:
            return format(value, "f").rstrip("0").rstrip(".")
        return f"{mantissa}e{'+' if exp > 0 else '-'}{abs(exp)}"
    return text


def canonicalize(value) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value."""
    return _jcs(value).encode("utf-8")


def _jcs(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return _jcs_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        # RFC 8785 orders keys by their UTF-16 code units.
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _jcs(value[k]) for k in keys) + "}"
    raise CredentialError(f"not a JSON value: {type(value).__name__}")


# --- base58btc and keys ----------------------------------------------------------------------

def base58_encode(data: bytes) -> str:
    """Bitcoin base58 (the multibase 'z' alphabet)."""
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(B58_ALPHABET[rest])
    leading = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading + "".join(reversed(out))


def base58_decode(text: str) -> bytes:
    """The bytes of a base58btc string; CredentialError on a foreign character."""
    number = 0
    for char in text:
        index = B58_ALPHABET.find(char)
        if index < 0:
            raise CredentialError("not base58")
        number = number * 58 + index
    leading = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading + body


def public_key_multibase(key: Ed25519PublicKey) -> str:
    """The key as a Multikey `publicKeyMultibase` value: "z6Mk…"."""
    return "z" + base58_encode(ED25519_MULTICODEC + raw_public_key(key))


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


# --- the credential ------------------------------------------------------------------------

@dataclass(frozen=True)
class CredentialFacts:
    """What a certificate asserts, in plain values."""

    credential_id: str
    issuer_id: str
    issuer_name: str
    issuer_url: str
    holder_name: str
    course_id: str
    course_title: str
    course_summary: str
    unit_name: str
    serial: str
    issued_at: datetime
    status_url: str
    content_hash: str
    git_commit: str | None


def iso(moment: datetime) -> str:
    """An XML Schema dateTimeStamp in UTC, seconds precision."""
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def build_credential(facts: CredentialFacts) -> dict:
    """The unsigned OpenBadgeCredential for a certificate."""
    achievement = {
        "id": facts.course_id,
        "type": ["Achievement"],
        "name": facts.course_title,
        "description": facts.course_summary or facts.course_title,
        "criteria": {"narrative": "Completed every required lesson and passed the final assessment."},
        "achievementType": "Certificate",
        "version": facts.content_hash,
    }
    if facts.git_commit:
        achievement["tag"] = [f"git:{facts.git_commit}"]
    return {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": facts.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts.course_title,
        "description": f"Certificate {facts.serial}",
        "issuer": {"id": facts.issuer_id, "type": ["Profile"], "name": facts.issuer_name, "url": facts.issuer_url},
        "validFrom": iso(facts.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityHash": facts.holder_name,
                            "identityType": "name", "hashed": False}],
            "source": {"type": ["Profile"], "name": facts.unit_name} if facts.unit_name else None,
            "achievement": achievement,
        },
        "credentialStatus": {"id": facts.status_url, "type": "IntegrityAcademyCertificateStatus"},
    }


def _hash_input(document: dict, options: dict) -> bytes:
    """eddsa-jcs-2022: sha256(JCS(proof options)) ‖ sha256(JCS(document))."""
    return hashlib.sha256(canonicalize(options)).digest() + hashlib.sha256(canonicalize(document)).digest()


def sign(document: dict, key: Ed25519PrivateKey, verification_method: str, created: datetime) -> dict:
    """A copy of `document` with a DataIntegrityProof by `key`."""
    document = _drop_nulls(copy.deepcopy(document))
    document.pop("proof", None)
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": iso(created),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
        "@context": document["@context"],
    }
    signature = key.sign(_hash_input(document, options))
    proof = {k: v for k, v in options.items() if k != "@context"}
    proof["proofValue"] = "z" + base58_encode(signature)
    return {**document, "proof": proof}


def verify(signed: dict, key: Ed25519PublicKey) -> bool:
    """Whether `signed` carries an intact eddsa-jcs-2022 proof by `key`."""
    if not isinstance(signed, dict) or not isinstance(signed.get("proof"), dict):
        return False
    proof = dict(signed["proof"])
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    value = proof.pop("proofValue", "")
    if not isinstance(value, str) or not value.startswith("z"):
        return False
    document = {k: v for k, v in signed.items() if k != "proof"}
    options = {**proof, "@context": document.get("@context")}
    try:
        key.verify(base58_decode(value[1:]), _hash_input(document, options))
    except (InvalidSignature, CredentialError):
        return False
    return True


def _drop_nulls(value):
    """Optional members left None are omitted, not sent as null."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value
