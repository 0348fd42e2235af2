"""Every payload Temporal stores (inputs, results, signals, memos, summaries, failures) is encrypted by us before
it leaves the process: AES-256-GCM, the key's id in the payload's metadata, so a key that is no longer the
current one still decrypts what it wrote. Whoever runs Temporal sees ids and search attributes only (and those
carry no phone: models/runtime/pseudonyms.py)."""

import base64
import binascii
import dataclasses
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter, PayloadCodec

ENCODING = b"binary/encrypted"
KEY_ID = "encryption-key-id"
NONCE_BYTES = 12
KEY_BYTES = 32
DEV_KEYS_FILE = "payload-keys"


class PayloadKeyError(ValueError):
    """PAYLOAD_KEYS is malformed, or a payload names a key this process does not have."""


@dataclasses.dataclass(frozen=True)
class PayloadKeys:
    """`current` encrypts; every key in `all` decrypts (the old ones stay until their histories are gone)."""

    current: str
    all: dict[str, bytes]

    @classmethod
    def parse(cls, text: str) -> "PayloadKeys":
        """`id:base64key[,id:base64key…]`, the first one current; each key 32 bytes (AES-256)."""
        keys: dict[str, bytes] = {}
        for entry in filter(None, (part.strip() for part in text.split(","))):
            key_id, _, encoded = entry.partition(":")
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error as exc:
                raise PayloadKeyError(f"PAYLOAD_KEYS: key {key_id!r} is not base64") from exc
            if not key_id or len(key) != KEY_BYTES:
                raise PayloadKeyError(f"PAYLOAD_KEYS: each entry is id:base64 of {KEY_BYTES} bytes ({key_id!r} is not)")
            if key_id in keys:
                raise PayloadKeyError(f"PAYLOAD_KEYS: key id {key_id!r} appears twice")
            keys[key_id] = key
        if not keys:
            raise PayloadKeyError("PAYLOAD_KEYS holds no key")
        return cls(current=next(iter(keys)), all=keys)

    def text(self) -> str:
        """As PAYLOAD_KEYS writes them (what `make run` hands its children)."""
        return ",".join(f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in self.all.items())


def new_key_entry(key_id: str) -> str:
    """One `id:base64` entry with a fresh random key (what `python -m models.runtime.payload_codec` prints)."""
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()}"


def development_keys(data_dir: Path) -> str:
    """The development key of this data folder, made on first use (`make run`); never used in production."""
    path = data_dir / DEV_KEYS_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(new_key_entry("dev1") + "\n")
    return path.read_text().strip()


class EncryptionCodec(PayloadCodec):
    def __init__(self, keys: PayloadKeys) -> None:
        self._keys = keys
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys.all.items()}

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        cipher = self._ciphers[self._keys.current]
        encoded = []
        for payload in payloads:
            nonce = secrets.token_bytes(NONCE_BYTES)
            # The key id is bound to the ciphertext, so a payload cannot be relabelled to another key.
            sealed = cipher.encrypt(nonce, payload.SerializeToString(), self._keys.current.encode())
            encoded.append(
                Payload(metadata={"encoding": ENCODING, KEY_ID: self._keys.current.encode()}, data=nonce + sealed)
            )
        return encoded

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        decoded = []
        for payload in payloads:
            if payload.metadata.get("encoding") != ENCODING:
                decoded.append(payload)  # written before encryption was turned on: histories still replay
                continue
            key_id = payload.metadata.get(KEY_ID, b"").decode()
            cipher = self._ciphers.get(key_id)
            if cipher is None:
                raise PayloadKeyError(f"payload encrypted with key {key_id!r}, which PAYLOAD_KEYS does not hold")
            plain = cipher.decrypt(payload.data[:NONCE_BYTES], payload.data[NONCE_BYTES:], key_id.encode())
            decoded.append(Payload.FromString(plain))
        return decoded


def encrypted_converter(keys: PayloadKeys) -> DataConverter:
    """The one converter of every client and worker: pydantic for our types, then encryption."""
    return dataclasses.replace(pydantic_data_converter, payload_codec=EncryptionCodec(keys))


if __name__ == "__main__":
    import sys

    # A new key to put first in PAYLOAD_KEYS (keep the old ones after it until their histories are gone).
    sys.stdout.write(new_key_entry(sys.argv[1] if len(sys.argv) > 1 else f"k{secrets.randbelow(10**6)}") + "\n")
