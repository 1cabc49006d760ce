"""The site's Ed25519 signing key: made on first use, kept in instance/, readable by the owner only."""
from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.certificates.credential import CredentialError, base58_decode, ED25519_MULTICODEC, load_json, raw_public_key


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The private key at `path`, generated (mode 0600) when the file does not exist yet."""
    path = Path(path)
    if path.exists():
        return load_private_key(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    # O_EXCL: two workers starting at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_private_key(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CredentialError(f"{path}: not an Ed25519 private key")
    return key


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk(key: Ed25519PublicKey, kid: str) -> dict:
    """The public key as an OKP/Ed25519 JSON Web Key."""
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw_public_key(key)), "kid": kid,
            "use": "sig", "alg": "EdDSA"}


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A public key from a file: PEM (public or private), a JWK, a JWKS or a DID document."""
    data = Path(path).read_bytes()
    if data.lstrip().startswith(b"-----BEGIN"):
        if b"PRIVATE KEY" in data:
            return load_private_key(path).public_key()
        key = serialization.load_pem_public_key(data)
        if not isinstance(key, Ed25519PublicKey):
            raise CredentialError(f"{path}: not an Ed25519 key")
        return key
    try:
        document = load_json(data)
    except CredentialError as error:
        raise CredentialError(f"{path}: neither PEM nor usable JSON ({error})") from None
    return _key_from_json(document)


def _key_from_json(document: dict) -> Ed25519PublicKey:
    if "keys" in document:  # JWKS
        document = document["keys"][0]
    if document.get("kty") == "OKP" and document.get("crv") == "Ed25519":
        raw = base64.urlsafe_b64decode(document["x"] + "=" * (-len(document["x"]) % 4))
        return Ed25519PublicKey.from_public_bytes(raw)
    for method in document.get("verificationMethod", []):  # DID document
        multibase = method.get("publicKeyMultibase", "")
        if multibase.startswith("z"):
            raw = base58_decode(multibase[1:])
            if raw.startswith(ED25519_MULTICODEC):
                return Ed25519PublicKey.from_public_bytes(raw[len(ED25519_MULTICODEC):])
    raise CredentialError("no Ed25519 key in the JSON document")
