"""Realistic planner costs for pg_trgm's similarity operators.

pg_trgm declares `%` and `%>` as cheap as `=` (cost 1); working out a similarity takes about a
hundred times that. With the default the planner answers "names like this in this scheme" by
reading every nominal of the scheme through the scheme index and comparing each name (50 ms at
100,000 nominals) instead of ANDing the trigram index with the scheme index (4 ms).

pg_dump does not keep changes to an extension's functions, so this is applied after every
`migrate` rather than once by a migration; a database user who may not alter them gets a
warning and a slower, still correct, search."""

import logging

from django.db import DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

TRIGRAM_OPERATOR_COST = 100
TRIGRAM_OPERATORS = (
    "similarity_op(text, text)",
    "word_similarity_op(text, text)",
    "word_similarity_commutator_op(text, text)",
)


def set_trigram_operator_costs(using="default", **_signal):
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            for operator in TRIGRAM_OPERATORS:
                cursor.execute(f"ALTER FUNCTION {operator} COST {TRIGRAM_OPERATOR_COST:d}")
    except DatabaseError as error:
        logger.warning("Name search planner costs left at pg_trgm's defaults: %s", error)
