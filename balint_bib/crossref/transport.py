"""Reading one Crossref answer within bounds: a total deadline per try, a cap on the
decoded size, and text that can be written anywhere (no lone surrogates)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import requests

# A Crossref answer is kilobytes (five works of a search); anything near this is not one.
MAX_ANSWER_BYTES = 8 * 1024 * 1024
_CHUNK = 64 * 1024
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class TooSlow(Exception):
    """The answer did not arrive in full before the try's deadline."""


class TooLarge(Exception):
    """The decoded answer is larger than `MAX_ANSWER_BYTES`."""


def read_body(response: requests.Response, deadline: float,
              limit: int = MAX_ANSWER_BYTES) -> bytes:
    """The decoded body of a streamed response, read one socket read at a time, so a
    slow drip meets the deadline and a gzip bomb meets the cap; closes the response
    (and its connection) when it gives up."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise TooSlow()
            chunk = response.raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise TooLarge()
            chunks.append(chunk)
    except (TooSlow, TooLarge):
        response.close()
        raise


def without_lone_surrogates(value: Any) -> Any:
    """JSON may escape half a UTF-16 pair (`\\ud800`); such a string cannot be encoded
    as UTF-8, so it becomes U+FFFD before anything caches or writes it."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v)
                for k, v in value.items()}
    return value


def clean_answer(body: str, check_shape: Callable[[Any], None]) -> str:
    """The answer as the cache keeps it: parsed, of the expected shape (raises
    ValueError otherwise) and written back without lone surrogates."""
    payload = json.loads(body)
    if "\\ud" not in body.lower() and not _LONE_SURROGATE.search(body):
        check_shape(payload)
        return body
    payload = without_lone_surrogates(payload)
    check_shape(payload)
    return json.dumps(payload, ensure_ascii=False)
