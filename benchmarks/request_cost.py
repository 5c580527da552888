"""CPU time and queries per request of a few pages with the cache off, in one process (issue 12).

Wall-clock throughput on a shared machine is noise; the CPU time of one request in-process
(test client, production settings, ``DummyCache``) is the steady figure that decides it. This
script reuses a data dir built by ``pages.py --data-dir DIR`` (or ``growth.py --data-dir``),
renders each page ``--repeats`` times after a warm-up and prints the median CPU ms and the
queries; ``--profile NAME`` prints a cProfile of 20 renders of the pages whose name contains
NAME (cumulative and own time). Compare before and after a change by running it on both trees
against the same data dir.

    .venv/bin/python benchmarks/request_cost.py --data-dir /tmp/k12/data/500 [--repeats 30]
        [--pages "home,goal"] [--profile goal] [--lines 40]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

from benchlib import PROJECT_DIR, count_queries, prepare_environment

SLUG = "coesfeld"


def page_paths() -> list[tuple[str, str, bool]]:
    from kreiskurs.participation.models import Process
    from kreiskurs.strategy import selectors
    from kreiskurs.strategy.models import Goal, Measure
    from kreiskurs.territory.models import District

    district = District.objects.get(slug=SLUG)
    version = selectors.current_version(district)
    assert version is not None
    goal = Goal.objects.filter(version=version).order_by("pk").first()
    measure = Measure.objects.get(version=version, code="M1")
    process = Process.objects.filter(district=district, external_source="polis").latest("pk")
    pages = [
        ("trivial /healthz", "/healthz", False),
        ("imprint (installation)", "/impressum/", False),
        ("district home", f"/{SLUG}/", False),
        ("measure list", f"/{SLUG}/massnahmen/", False),
        ("measure list page 5", f"/{SLUG}/massnahmen/?seite=5", False),
        ("measure list, logged in", f"/{SLUG}/massnahmen/?seite=2", True),
        ("measure profile", f"/{SLUG}/massnahmen/{measure.lineage}/", False),
        ("municipality page", f"/{SLUG}/gemeinden/duelmen-stadt/", False),
        ("map", f"/{SLUG}/karte/", False),
        ("map, one measure's roles", f"/{SLUG}/karte/?layer=measure:{measure.lineage}", False),
        ("participation overview", f"/{SLUG}/beteiligung/", False),
        ("process page", f"/{SLUG}/beteiligung/{process.pk}/", False),
        ("statements page", f"/{SLUG}/beteiligung/{process.pk}/thesen/", False),
        ("API statements", f"/api/v1/processes/{process.pk}/statements/", False),
        ("back office measure list", f"/{SLUG}/verwaltung/massnahmen/", True),
        ("back office dashboard", f"/{SLUG}/verwaltung/", True),
    ]
    if goal is not None:
        pages.insert(3, ("goal page", f"/{SLUG}/ziele/{goal.lineage}/", False))
    return pages


def _time_outermost_template_renders() -> list[float]:
    """Patch Django's template backend to add the CPU ms of outermost renders to the returned cell."""
    from django.template.backends.django import Template

    spent, depth, render = [0.0], [0], Template.render

    def timed(self, context=None, request=None):
        depth[0] += 1
        started = time.process_time()
        try:
            return render(self, context, request)
        finally:
            depth[0] -= 1
            if not depth[0]:
                spent[0] += (time.process_time() - started) * 1000

    Template.render = timed
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", required=True, help="a data dir built by pages.py --data-dir (reused as is)")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--pages", default="", help="comma-separated substrings of page names")
    parser.add_argument("--profile", default="", help="profile the pages whose name contains this")
    parser.add_argument("--lines", type=int, default=35)
    args = parser.parse_args()

    root = Path(args.data_dir)
    if not (root / "built").exists():
        print(f"{root} holds no built data (run pages.py --data-dir {root} first)")
        return 2
    prepare_environment("unused-", production=True, root=root)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings_nocache"
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.test import Client

    from kreiskurs.accounts.models import User

    template_ms = _time_outermost_template_renders()
    visitor, staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    staff.force_login(User.objects.get(username="cdo"))
    selected = [p for p in page_paths() if not args.pages or any(s in p[0] for s in args.pages.split(","))]
    print(f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; load average {os.getloadavg()[0]:.1f}")
    for name, path, as_staff in selected:
        client = staff if as_staff else visitor
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with count_queries() as queries:
            client.get(path)
        cpus, in_templates = [], []
        for _ in range(args.repeats):
            template_ms[0] = 0.0
            started = time.process_time()
            client.get(path)
            cpus.append((time.process_time() - started) * 1000)
            in_templates.append(template_ms[0])
        print(
            f"  {name:<26} {statistics.median(cpus):7.2f} ms CPU (min {min(cpus):6.2f}, "
            f"templates {statistics.median(in_templates):5.2f})  "
            f"{queries.count:>3} queries  {len(response.content) / 1024:6.1f} KiB  {path}",
            flush=True,
        )
        if args.profile and args.profile in name:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(20):
                client.get(path)
            profiler.disable()
            stream = io.StringIO()
            stats = pstats.Stats(profiler, stream=stream)
            stats.sort_stats("cumulative").print_stats(args.lines)
            stats.sort_stats("tottime").print_stats(args.lines)
            print(stream.getvalue().replace(str(PROJECT_DIR) + "/", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
