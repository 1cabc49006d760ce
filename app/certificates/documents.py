"""A certificate as documents: its URLs, printable PDF and signed credential, and the site's keys."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from flask import current_app
from flask_babel import gettext as _

from app.certificates import credential, pdf
from app.certificates.keys import load_or_create_key, public_jwk
from app.certificates.models import Certificate
from app.clock import to_site_time
from app.courses.catalog import catalog
from app.urls import external_url, public_base_url

KEY_FRAGMENT = "key-1"


def verify_url(certificate: Certificate) -> str:
    return external_url("certificates.verify", code=certificate.code)


def status_url(certificate: Certificate) -> str:
    return external_url("certificates.verify", code=certificate.code, format="json")


def issuer_did() -> str:
    """did:web of the site (a port becomes %3A, a path ':'-separated)."""
    parts = urlsplit(public_base_url())
    segments = [quote(parts.netloc, safe="")] + [p for p in parts.path.split("/") if p]
    return "did:web:" + ":".join(segments)


def signing_key():
    return load_or_create_key(Path(current_app.config["CERTIFICATE_KEY_PATH"]))


def did_document() -> dict:
    """The DID document published at /.well-known/did.json."""
    did = issuer_did()
    method = {"id": f"{did}#{KEY_FRAGMENT}", "type": "Multikey", "controller": did,
              "publicKeyMultibase": credential.public_key_multibase(signing_key().public_key())}
    return {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": did, "verificationMethod": [method], "assertionMethod": [method["id"]],
            "authentication": [method["id"]]}


def jwks() -> dict:
    """The public key as a JWK Set, published at /.well-known/jwks.json."""
    return {"keys": [public_jwk(signing_key().public_key(), f"{issuer_did()}#{KEY_FRAGMENT}")]}


class RevokedCertificate(Exception):
    """A revoked certificate gets no freshly signed credential: one would verify offline as if
    it were still valid, since an offline check cannot see the revocation."""


def signed_credential(certificate: Certificate) -> dict:
    """The Open Badges 3.0 credential of a certificate, signed with the site key.

    Dated by the issue time, so exporting twice gives the same document. Raises
    RevokedCertificate for a revoked certificate.
    """
    if not certificate.is_valid:
        raise RevokedCertificate(certificate.serial)
    facts = credential.CredentialFacts(
        credential_id=verify_url(certificate),
        issuer_id=issuer_did(),
        issuer_name=certificate.issuer,
        issuer_url=public_base_url() + "/",
        holder_name=certificate.user.full_name,
        course_id=external_url("courses.show", slug=certificate.course.slug),
        course_title=certificate.course_title,
        course_summary="",
        unit_name=certificate.unit_name,
        serial=certificate.serial,
        issued_at=certificate.issued_at,
        status_url=status_url(certificate),
        content_hash=certificate.content_hash,
        git_commit=certificate.git_commit,
    )
    return credential.sign(credential.build_credential(facts), signing_key(),
                           f"{issuer_did()}#{KEY_FRAGMENT}", certificate.issued_at)


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:g}%"


def pdf_bytes(certificate: Certificate) -> bytes:
    """The printable certificate, regenerated (identically) on every call."""
    labels = {"title": _("Certificate of completion"), "certifies": _("This certifies that"),
              "completed": _("has completed the course"), "date": _("Date"), "score": _("Score"),
              "serial": _("Serial number"), "code": _("Verification code"), "verify": _("Check this certificate at"),
              "on_behalf": _("On behalf of"), "revoked": _("Revoked on %(date)s: this certificate is no longer valid")}
    name, title = signatory(certificate)
    facts = pdf.CertificateFacts(
        holder_name=certificate.user.full_name, course_title=certificate.course_title,
        unit_name=certificate.unit_name, issued_at=certificate.issued_at,
        issued_on=to_site_time(certificate.issued_at).strftime("%d/%m/%Y"), score=score_text(certificate.score),
        serial=certificate.serial, code=certificate.code, issuer=certificate.issuer, verify_url=verify_url(certificate),
        labels=labels, signatory_name=name, signatory_title=title,
        revoked_on=to_site_time(certificate.revoked_at).strftime("%d/%m/%Y") if not certificate.is_valid and certificate.revoked_at else "",
    )
    return pdf.render_certificate(facts)


def signatory(certificate: Certificate) -> tuple[str, str]:
    """(name, title) of who signs: the course's front matter, else the site's configuration."""
    course = catalog().get(certificate.course.slug)
    name = getattr(course, "signatory_name", "") or current_app.config["CERTIFICATE_SIGNATORY_NAME"]
    title = getattr(course, "signatory_title", "") or current_app.config["CERTIFICATE_SIGNATORY_TITLE"]
    return name, title


def pdf_filename(certificate: Certificate) -> str:
    return f"{certificate.serial}.pdf"
