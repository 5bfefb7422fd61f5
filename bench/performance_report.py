"""Time the performance report (all measures + PDF) for a scheme of about 400 members.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.performance_report \
        [--nominals 700] [--seed 2] [--runs 3]

Uses the synthetic demo scheme (iom.demo) in the configured database, building it with 700
nominals (about 400 current members) when it is not there yet, and adds two needs assessments
per member so the needs tables have work to do. Prints the time to compute the measures and to
render the PDF; the target is under 10 seconds in total.
"""

import argparse
import os
import random
import secrets
import time
from datetime import timedelta


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nominals", type=int, default=700)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from iom.codes import PATHWAYS
    from iom.demo.build import build_demo, demo_scheme_exists
    from iom.demo.partnership import SCHEME_SLUG
    from iom.models import Membership, Scheme
    from performance.models import NeedsAssessment, NeedScore
    from performance.pdf import render_report_pdf
    from performance.report_data import ReportFilters, build_report, default_period

    today = timezone.localdate()
    if not demo_scheme_exists():
        started = time.perf_counter()
        password = secrets.token_urlsafe(18)
        build_demo(nominals=args.nominals, seed=args.seed, password=password, today=today)
        print(f"Built the demo scheme in {time.perf_counter() - started:.1f}s")
    scheme = Scheme.objects.get(slug=SCHEME_SLUG)
    spells = list(Membership.objects.filter(scheme=scheme).order_by("pk"))
    members = sum(1 for spell in spells if spell.end is None)
    if not NeedsAssessment.objects.filter(membership__scheme=scheme).exists():
        rng = random.Random(1)
        assessor = get_user_model().objects.filter(staff__scheme=scheme).first()
        with transaction.atomic():
            assessments = NeedsAssessment.objects.bulk_create(
                NeedsAssessment(
                    membership=spell,
                    date=min(spell.start + timedelta(days=90 * n), today),
                    assessor=assessor,
                )
                for spell in spells
                for n in (0, 1)
            )
            NeedScore.objects.bulk_create(
                NeedScore(
                    assessment=a,
                    pathway=code,
                    score=rng.randint(1, 10) if rng.random() < 0.6 else None,
                )
                for a in assessments
                for code in PATHWAYS
            )
    print(f"{scheme.name}: {members} current members, {len(spells)} spells")

    filters = ReportFilters(*default_period(today))
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        content = build_report(scheme, filters)
        measured = time.perf_counter()
        pdf = render_report_pdf(content)
        done = time.perf_counter()
        print(
            f"run {run}: measures {measured - started:.2f}s, PDF {done - measured:.2f}s, "
            f"total {done - started:.2f}s ({len(pdf) // 1024} KiB)"
        )


if __name__ == "__main__":
    main()
