"""Page-number pagination with ``next``/``previous`` links, as clients expect."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase
from pydantic import field_validator

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500

# Values some clients send for "no value"; treated as if the parameter were absent.
ABSENT = ("", "null", "none", "undefined")


def _link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class LinkPagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

        @field_validator("page", "page_size", mode="before")
        @classmethod
        def _absent(cls, value: Any, info: Any) -> Any:
            if isinstance(value, str) and value.strip().lower() in ABSENT:
                return 1 if info.field_name == "page" else PAGE_SIZE
            return value

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any) -> Any:
        offset = (pagination.page - 1) * pagination.page_size
        count = self._items_count(queryset)
        has_next = offset + pagination.page_size < count
        # A page past the end is empty; not asked of the database, whose integers a
        # huge page number would overflow.
        results = list(queryset[offset : offset + pagination.page_size]) if offset < count else []
        return {
            "count": count,
            "next": _link(request, pagination.page + 1) if has_next else None,
            "previous": _link(request, pagination.page - 1) if pagination.page > 1 else None,
            "results": results,
        }
