"""The worker's heap is frozen out of full collections after its first requests (kreiskurs.heap)."""

from __future__ import annotations

import gc

import pytest
from django.test import Client

from kreiskurs import heap


@pytest.fixture
def fresh_worker(monkeypatch):
    monkeypatch.setattr(heap, "_served", 0)
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_freezes_after_the_first_tenth_hundredth_and_thousandth_request(fresh_worker):
    frozen, alive = [], []
    for _ in range(1000):
        alive.append([])  # what a request leaves alive, e.g. a template compiled on first use
        heap.after_request()
        frozen.append(gc.get_freeze_count())
    grew = [n for n in range(1, 1000) if frozen[n] > frozen[n - 1]]
    assert frozen[0] > 0  # after the 1st request
    assert [n + 1 for n in grew] == [10, 100, 1000]  # the n-th request's count is frozen[n - 1]


@pytest.mark.django_db
def test_a_served_request_ends_with_the_heap_frozen(fresh_worker):
    assert gc.get_freeze_count() == 0
    assert Client().get("/healthz").status_code == 200
    assert gc.get_freeze_count() > 0
