"""Synthetic demo data: the fictional Demoshire IOM scheme (manage.py seed_demo).

Generation (people, history, cohort) is plain Python driven by one random.Random(seed), so the
same seed on the same day gives the same scheme; build.py writes it set-based in one transaction.
"""
