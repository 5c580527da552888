"""Every action a service writes into the audit log has a readable German label."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from django.apps import apps

from kreiskurs.audit.models import ACTION_LABELS

SOURCE = Path(__file__).resolve().parent.parent / "kreiskurs"
#: ``action=…`` in a module that writes audit entries; the string literals in the expression are action codes
ACTION = re.compile(r"\baction\s*=\s*([^\n,)]*(?:\sif\s[^\n]*?else\s[^\n,)]*)?)")


def import_every_service_module() -> None:
    """Labels are registered where the services are: import them all (commands use some that no view does)."""
    for config in apps.get_app_configs():
        if config.name.startswith("kreiskurs.") and importlib.util.find_spec(f"{config.name}.services"):
            importlib.import_module(f"{config.name}.services")
            package = Path(config.path) / "services"
            for module in package.glob("*.py") if package.is_dir() else []:
                importlib.import_module(f"{config.name}.services.{module.stem}")


def written_action_codes() -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "record_change(" not in text:
            continue
        for match in ACTION.finditer(text):
            for code in re.findall(r'"([a-z_]+)"', match.group(1)):
                codes.setdefault(code, set()).add(str(path.relative_to(SOURCE.parent)))
    return codes


def test_every_action_code_written_by_a_service_has_a_label() -> None:
    import_every_service_module()
    codes = written_action_codes()
    assert {"create", "dismiss_report", "enrolment"} <= set(codes), "the scan found hardly any action"
    missing = {code: sorted(where) for code, where in codes.items() if code not in ACTION_LABELS}
    assert not missing, f"action codes without a label (name them next to the service): {missing}"


def test_labels_are_german_sentences_not_codes() -> None:
    import_every_service_module()
    for code, label in ACTION_LABELS.items():
        assert str(label) != code and "_" not in str(label), code


@pytest.mark.django_db
def test_the_audit_log_reads_as_german_not_as_codes() -> None:
    from django.test import Client

    from kreiskurs.accounts.models import Role
    from kreiskurs.participation.models import AbuseReport
    from kreiskurs.participation.services import moderation
    from tests import factories

    process = factories.running_process()
    district = process.district
    team = factories.member(district, Role.STRATEGY_TEAM)
    report = AbuseReport.objects.create(district=district, process=process, kind="comment", object_id=3, reason="Spam")
    moderation.dismiss_report(by=team, report=report)
    client = Client()
    client.force_login(team)
    body = client.get(f"/{district.slug}/verwaltung/protokoll/").content.decode()
    assert "Meldung verworfen: Meldung zu Kommentar 3" in body
    assert "dismiss_report" not in body and "comment 3" not in body
