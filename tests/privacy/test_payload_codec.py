"""The payload codec alone: what it writes hides the payload, names its key, and only the right key reads it."""

import pytest
from cryptography.exceptions import InvalidTag
from temporalio.api.common.v1 import Payload

from models.runtime.payload_codec import (
    ENCODING,
    KEY_ID,
    EncryptionCodec,
    PayloadKeyError,
    PayloadKeys,
    new_key_entry,
)

SECRET_TEXT = b'{"text": "me llamo Carmen, mi numero es 600111222"}'


def _payload(data: bytes = SECRET_TEXT) -> Payload:
    return Payload(metadata={"encoding": b"json/plain"}, data=data)


async def test_an_encoded_payload_hides_its_data_and_names_its_key() -> None:
    keys = PayloadKeys.parse(f"{new_key_entry('k2')},{new_key_entry('k1')}")
    [sealed] = await EncryptionCodec(keys).encode([_payload()])
    assert sealed.metadata["encoding"] == ENCODING and sealed.metadata[KEY_ID] == b"k2", "the first key encrypts"
    assert b"Carmen" not in sealed.SerializeToString() and b"600111222" not in sealed.SerializeToString()
    [opened] = await EncryptionCodec(keys).decode([sealed])
    assert opened == _payload()


async def test_the_same_payload_never_encrypts_the_same_way_twice() -> None:
    codec = EncryptionCodec(PayloadKeys.parse(new_key_entry("k1")))
    first, second = await codec.encode([_payload(), _payload()])
    assert first.data != second.data, "a fresh nonce per payload: equal messages are not recognisable"


async def test_after_rotation_the_old_key_still_reads_and_the_new_one_writes() -> None:
    old, new = new_key_entry("2026-01"), new_key_entry("2026-12")
    [written_before] = await EncryptionCodec(PayloadKeys.parse(old)).encode([_payload()])
    rotated = EncryptionCodec(PayloadKeys.parse(f"{new},{old}"))
    assert await rotated.decode([written_before]) == [_payload()]
    [written_after] = await rotated.encode([_payload()])
    assert written_after.metadata[KEY_ID] == b"2026-12"


async def test_a_payload_of_a_key_we_do_not_hold_is_refused_by_name() -> None:
    [sealed] = await EncryptionCodec(PayloadKeys.parse(new_key_entry("gone"))).encode([_payload()])
    with pytest.raises(PayloadKeyError, match="'gone'"):
        await EncryptionCodec(PayloadKeys.parse(new_key_entry("k1"))).decode([sealed])


async def test_a_payload_relabelled_to_another_key_does_not_open() -> None:
    """The key id is authenticated with the data: changing it (or a byte of the data) fails loudly."""
    shared = new_key_entry("a").split(":", 1)[1]
    codec = EncryptionCodec(PayloadKeys.parse(f"a:{shared},b:{shared}"))
    [sealed] = await codec.encode([_payload()])
    sealed.metadata[KEY_ID] = b"b"
    with pytest.raises(InvalidTag):
        await codec.decode([sealed])


async def test_payloads_written_before_encryption_pass_through() -> None:
    """Histories recorded before the codec existed still replay (tests/workflows/histories)."""
    codec = EncryptionCodec(PayloadKeys.parse(new_key_entry("k1")))
    assert await codec.decode([_payload()]) == [_payload()]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "holds no key"),
        ("k1", "32 bytes"),
        ("k1:c2hvcnQ=", "32 bytes"),
        (":" + new_key_entry("x").split(":", 1)[1], "32 bytes"),
        ("k1:%%%", "not base64"),
        (f"{new_key_entry('k1')},{new_key_entry('k1')}", "twice"),
    ],
)
def test_malformed_keys_are_refused_with_the_reason(text: str, complaint: str) -> None:
    with pytest.raises(PayloadKeyError, match=complaint):
        PayloadKeys.parse(text)
