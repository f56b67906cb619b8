"""JSON bodies from what callers hold: a dict, JSON text, or a file."""
from __future__ import annotations

import json
import os
from typing import IO, Any, Union

from docker.errors import InvalidArgument

#: A JSON document: a dict (or list), JSON text (str or bytes), or an open file of JSON.
Document = Union[dict, list, str, bytes, IO[Any]]
#: A JSON document, or the path of a file holding one.
DocumentOrPath = Union[dict, list, bytes, str, "os.PathLike[str]", IO[Any]]


def from_document(document: Document) -> bytes:
    """The bytes to send for a document; text is sent as it is, so the daemon says what is wrong with it."""
    if isinstance(document, (dict, list)):
        return json.dumps(document).encode("utf-8")
    if isinstance(document, str):
        return document.encode("utf-8")
    if isinstance(document, bytes):
        return document
    if hasattr(document, "read"):
        return _read(document)
    raise InvalidArgument(f"expected a JSON document (dict, str, bytes or file), got {type(document).__name__}")


def from_document_or_path(document: DocumentOrPath) -> bytes:
    """As :func:`from_document`, but a str or path names a file (the original ``put_config`` sent a file)."""
    if isinstance(document, (str, os.PathLike)):
        with open(document, "rb") as file:
            return file.read()
    return from_document(document)


def _read(file: IO[Any]) -> bytes:
    content = file.read()
    return content.encode("utf-8") if isinstance(content, str) else content
