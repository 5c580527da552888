"""Uploads are bounded before they are stored.

:class:`SizeLimitedUploadHandler` comes first in ``FILE_UPLOAD_HANDLERS``: it counts the bytes of each uploaded
file as they arrive and skips the file (nothing more is kept in memory or on disk) once it passes
``KREISKURS_MAX_UPLOAD_BYTES``. The request then carries :data:`TOO_LARGE` so the view can answer with a clear
message instead of "no file".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "TOO_LARGE", "SizeLimitedUploadHandler", "max_upload_bytes"]

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: request attribute: the name and size (so far) of a file that was skipped for its size
TOO_LARGE = "kreiskurs_upload_too_large"


def max_upload_bytes() -> int:
    """``KREISKURS_MAX_UPLOAD_BYTES`` (default 10 MB), read when asked, not at import time."""
    return int(getattr(settings, "KREISKURS_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = max_upload_bytes()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                setattr(self.request, TOO_LARGE, (self.file_name, self.received))
            raise SkipFile
        return raw_data  # passed on to the next handler, which stores it

    def file_complete(self, file_size: int) -> None:
        return None
