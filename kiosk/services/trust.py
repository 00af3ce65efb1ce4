"""kiosk.yaml's `trusted_keys`: the public keys whose signed content bundles this kiosk takes in.

Kept apart from bundle.py so that reading kiosk.yaml (the supervisor does it too) loads
neither libsodium nor the content loader: a key here is only checked to be 32 bytes of
base64, the length of an Ed25519 public key.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

KEY_BYTES = 32  #: an Ed25519 public key (and a private key's seed)


def decode_key(text: str) -> bytes:
    """The 32 bytes of a key written in base64; ValueError in an installer's words."""
    cleaned = "".join(text.split())
    try:
        raw = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(
            "is not a key written in base64: copy it whole from NAME.pub, or from the line `kiosk keys new` printed"
        ) from None
    if len(raw) != KEY_BYTES:
        raise ValueError(
            f"decodes to {len(raw)} bytes where a public key has {KEY_BYTES}: "
            "copy it whole from NAME.pub, or from the line `kiosk keys new` printed"
        )
    return raw


def encode_key(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


class TrustedKey(BaseModel):
    """One curator's (or one office's) public key, under the name the kiosk reports."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(
        min_length=1,
        max_length=80,
        description="Whose key it is, as the admin screen and `kiosk inspect` name it: 'musee-regie'.",
    )
    key: str = Field(description="The public key, as `kiosk keys new` printed it (NAME.pub): 44 characters of base64.")

    @field_validator("key")
    @classmethod
    def _a_public_key(cls, value: str) -> str:
        decode_key(value)
        return value

    @property
    def raw(self) -> bytes:
        return decode_key(self.key)


def _unique(keys: tuple[TrustedKey, ...]) -> tuple[TrustedKey, ...]:
    names: dict[str, str] = {}
    owners: dict[bytes, str] = {}
    for entry in keys:
        if entry.name in names:
            raise ValueError(f"the name '{entry.name}' is given to two keys: give each key its own name")
        if entry.raw in owners:
            raise ValueError(f"the same key is listed twice, as '{owners[entry.raw]}' and '{entry.name}': keep one")
        names[entry.name] = entry.key
        owners[entry.raw] = entry.name
    return keys


def _none_is_empty(value: Any) -> Any:
    """`trusted_keys:` with only comments under it (as in the sample) is an empty list."""
    return () if value is None else value


#: kiosk.yaml's `trusted_keys` list: names and keys each given once.
TrustedKeys = Annotated[tuple[TrustedKey, ...], BeforeValidator(_none_is_empty), AfterValidator(_unique)]
