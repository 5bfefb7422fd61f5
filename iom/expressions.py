"""PostgreSQL expressions the ORM lacks, used by the nominal search."""

from django.db.models import CharField, Func, Lookup


class Sound(Func):
    """Double Metaphone code of a name (fuzzystrmatch): 'Smyth' and 'Smith' both give 'SM0'."""

    function = "dmetaphone"
    output_field = CharField()


class AnyOf(Lookup):
    """`lhs = ANY(rhs)` for an array, such as ARRAY(subquery).

    PostgreSQL runs ARRAY(subquery) once and then probes the primary key per element, where
    `IN (subquery)` leaves it to estimate the subquery's size, and a fuzzy match's estimate
    can be wrong enough for it to read every row of the scheme instead."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)
