"""Reading a posted file: the body up to a size limit (larger is refused before it is read whole),
and the fields of a form (multipart, as a file input sends it, or urlencoded) with the stdlib."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl

from starlette.requests import Request


class TooLargeError(Exception):
    """A body over the limit."""


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, or `TooLargeError` as soon as it (or its stated length) is over `limit`."""
    stated = request.headers.get("content-length", "")
    if stated.isdigit() and int(stated) > limit:
        raise TooLargeError
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLargeError
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass
class Form:
    """A posted form: text fields by name (the last value of each) and files by name."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """A file field's file name, as the browser sent it."""


def parse_form(content_type: str, body: bytes) -> Form:
    """The fields of a `multipart/form-data` or `application/x-www-form-urlencoded` body."""
    found = Form()
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        for key, value in parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True):
            found.fields[key] = value
        return found
    if kind != "multipart/form-data":
        return found
    header = b"Content-Type: " + content_type.encode("latin-1", errors="replace") + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(header + body)
    if not message.is_multipart():
        return found
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            found.files[name] = data
            found.names[name] = filename
        else:
            charset = part.get_content_charset() or "utf-8"
            found.fields[name] = data.decode(charset, errors="replace")
    return found
