"""`flask certificates list|pdf|export|verify|revoke|reinstate`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.certificates import documents, queries, services
from app.certificates.credential import CredentialError, load_json, verify as verify_signature
from app.certificates.keys import load_public_key, load_private_key
from app.certificates.models import Certificate
from app.extensions import db

certificates_cli = AppGroup("certificates", help="Issued certificates: list, print, export, verify, revoke.")


def _certificate(code: str) -> Certificate:
    certificate = queries.by_code(code)
    if certificate is None:
        raise click.ClickException(f"no certificate with code {code}")
    return certificate


@certificates_cli.command("list")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
def list_command(fmt):
    """Every certificate: serial, code, holder, course, status, issued_at."""
    rows = db.session.scalars(select(Certificate).options(joinedload(Certificate.user), joinedload(Certificate.course))
                              .order_by(Certificate.id))
    items = [{"serial": c.serial, "code": c.code, "holder": c.user.full_name, "email": c.user.email,
              "course": c.course.slug, "course_title": c.course_title, "status": c.status,
              "issued_at": c.issued_at.isoformat()} for c in rows]
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for item in items:
        click.echo(f"{item['serial']}  {item['status']:<7}  {item['code']}  {item['holder']}  {item['course']}")


@certificates_cli.command("pdf")
@click.argument("code")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
def pdf_command(code, output):
    """Write the printable PDF of a certificate (labels in the default language)."""
    certificate = _certificate(code)
    with current_app.test_request_context():  # the locale selector reads the request
        data = documents.pdf_bytes(certificate)
    Path(output).write_bytes(data)
    click.echo(f"wrote {output}")


@certificates_cli.command("export")
@click.argument("code")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
def export_command(code, output):
    """Write the signed Open Badges 3.0 credential (JSON) of a certificate."""
    try:
        signed = documents.signed_credential(_certificate(code))
    except documents.RevokedCertificate as revoked:
        click.echo(f"{revoked}: the certificate is revoked; no credential is signed for it", err=True)
        sys.exit(1)
    Path(output).write_text(json.dumps(signed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(f"wrote {output}")


@certificates_cli.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--key", "key_file", type=click.Path(exists=True, dir_okay=False),
              help="Public key: PEM, JWK, JWKS (/.well-known/jwks.json) or DID document. Default: the site key in instance/.")
def verify_command(file, key_file):
    """Check a credential offline. Exit 0 only if the signature is intact and it is not revoked.

    Revocation is looked up in this site's database when the certificate is known here;
    a credential from elsewhere is checked for its signature only (and said so).
    """
    try:
        signed = load_json(Path(file).read_text(encoding="utf-8"))
        if key_file:
            key = load_public_key(Path(key_file))
        else:
            key_path = Path(current_app.config["CERTIFICATE_KEY_PATH"])
            if not key_path.exists():
                raise CredentialError(f"{key_path}: no site key; pass --key")
            key = load_private_key(key_path).public_key()
    except (ValueError, OSError, CredentialError) as error:
        click.echo(f"INVALID: {error}", err=True)
        sys.exit(2)
    if not verify_signature(signed, key):
        click.echo("INVALID: the signature does not match (altered, or signed with another key)", err=True)
        sys.exit(1)
    code = str(signed.get("id", "")).rstrip("/").rsplit("/", 1)[-1]
    certificate = queries.by_code(code)
    if certificate is None:
        click.echo("VALID signature; revocation not checked (certificate unknown to this database)")
        return
    if not certificate.is_valid:
        click.echo(f"REVOKED: {certificate.serial} was revoked on {certificate.revoked_at:%Y-%m-%d}", err=True)
        sys.exit(1)
    click.echo(f"VALID: {certificate.serial}, {certificate.user.full_name}, {certificate.course_title}")


@certificates_cli.command("revoke")
@click.argument("code")
@click.option("--reason", required=True)
def revoke_command(code, reason):
    """Revoke a certificate (recorded in the audit trail with no actor)."""
    certificate = services.revoke(_certificate(code), None, reason)
    db.session.commit()
    click.echo(f"revoked {certificate.serial}")


@certificates_cli.command("reinstate")
@click.argument("code")
@click.option("--reason", default="reinstated from the command line")
def reinstate_command(code, reason):
    """Make a revoked certificate valid again."""
    certificate = services.reinstate(_certificate(code), None, reason)
    db.session.commit()
    click.echo(f"reinstated {certificate.serial}")
