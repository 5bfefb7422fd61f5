"""The Derbyshire IOM matrix form (Strategy Appendix B): its headings, rows and seed weights.

Pure data, no Django: the data migration, the new-scheme receiver and the tests read it. The
weights a scheme actually uses are rows of OffenceWeight, editable in the admin.
"""

# (heading, [(offence code, weight), ...]) in the order the form prints them.
DERBYSHIRE_2015_ROWS = (
    (
        "Burglary",
        (
            ("burglary-aggravated", 10),
            ("burglary-dwelling", 8),
            ("burglary-other", 5),
            ("handling-stolen-goods", 3),
            ("going-equipped", 3),
        ),
    ),
    (
        "Vehicle crime",
        (
            ("theft-of-vehicle", 4),
            ("theft-from-vehicle", 2),
            ("vehicle-interference", 2),
            ("aggravated-twoc", 5),
            ("twoc", 3),
            ("dangerous-driving", 5),
            ("reckless-driving", 3),
            ("drink-drug-driving", 3),
            ("disqualified-driving", 2),
        ),
    ),
    ("Theft", (("shoplifting", 1), ("theft-other", 2))),
    ("Fraud", (("fraud", 1),)),
    ("Criminal damage", (("arson", 4), ("criminal-damage", 2))),
    (
        "Violence",
        (
            ("robbery", 10),
            ("gbh", 10),
            ("abh", 5),
            ("assault-pc", 3),
            ("common-assault", 2),
        ),
    ),
    (
        "Anti-social behaviour",
        (
            ("threats-to-kill", 5),
            ("offensive-weapon", 5),
            ("bladed-article", 3),
            ("public-order", 2),
            ("asbo", 10),
            ("drunk-disorderly", 2),
        ),
    ),
    ("Drugs", (("drug-supply", 10), ("drug-possession", 2))),
)


def seed_weights():
    """(heading, code, weight, position) for every row of the form, in order."""
    position = 0
    for heading, rows in DERBYSHIRE_2015_ROWS:
        for code, weight in rows:
            position += 1
            yield heading, code, weight, position
