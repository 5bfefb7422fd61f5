"""SQL for the nominals of a population and how many events each one carries.

Everything random comes from PostgreSQL's random() after setseed(), with parallel query off,
so the same seed gives the same population. Draws are taken in a subquery (PostgreSQL never
flattens one whose select list is volatile) and used by the query around it.
"""

# pop_scheme(pos, scheme_id, first_idx, last_idx, coordinator_id, members, levels) and
# pop_area(pos, k, area_id) are filled by iom/population/build.py before this runs.
NOMINALS = """
CREATE TEMPORARY TABLE pop_n AS
SELECT nextval(pg_get_serial_sequence('iom_nominal', 'id')) AS id, p.*
FROM (
    SELECT d.idx, s.pos, s.scheme_id, a.area_id,
        CASE WHEN d.r_flag < 0.03 OR d.r_flag >= 0.07 THEN
            least(30.0, power(1.0 - d.r_w, -1.0 / 1.2))
        ELSE 10.0 + d.r_w * 20.0 END AS weight,
        d.r_flag < 0.013 AS under_18,
        CASE WHEN d.r_g < 0.15 THEN 'female' ELSE 'male' END AS gender,
        CASE WHEN d.r_g < 0.15 THEN
            (%(female)s::text[])[1 + floor(d.r_f * cardinality(%(female)s::text[]))::int]
        ELSE (%(male)s::text[])[1 + floor(d.r_f * cardinality(%(male)s::text[]))::int] END
        || CASE WHEN d.r_mid < 0.2 THEN
            ' ' || (%(middle)s::text[])[
                1 + floor(d.r_mid * 5 * cardinality(%(middle)s::text[]))::int]
        ELSE '' END AS first_names,
        (%(last)s::text[])[1 + floor(d.r_l * cardinality(%(last)s::text[]))::int] AS last_name,
        %(today)s::date - (CASE WHEN d.r_flag < 0.013 THEN 15 + floor(d.r_age * 3)::int
            ELSE 18 + least(44, floor(-9.0 * ln(1.0 - d.r_age))::int) END * 365.25
            + floor(d.r_day * 364))::int AS date_of_birth,
        d.r_year, d.r_crn, d.r_flag, d.r_state, d.r_sub, d.r_street,
        0.25 + d.r_comp * 0.7 AS compliance
    FROM (
        SELECT g AS idx, random() AS r_w, random() AS r_g, random() AS r_f, random() AS r_l,
            random() AS r_mid, random() AS r_age, random() AS r_day, random() AS r_area,
            random() AS r_year, random() AS r_crn, random() AS r_flag, random() AS r_state,
            random() AS r_comp, random() AS r_sub, random() AS r_street
        FROM generate_series(1, %(nominals)s) AS g
    ) d
    JOIN pop_scheme s ON d.idx BETWEEN s.first_idx AND s.last_idx
    JOIN pop_area a ON a.pos = s.pos AND a.k = 1 + floor(d.r_area * 6)::int
    ORDER BY d.idx
) p
"""

# PNC serials from 1,000,000 up (the demo scheme uses serials below that), a bijection of the
# index so no two collide; CRN letters the demo never uses (Z, U, Q, O, I).
IDENTIFIERS = """
CREATE TEMPORARY TABLE pop_person AS
SELECT n.*,
    n.year::text || '/' || lpad(n.serial::text, 7, '0')
        || substr('ZABCDEFGHJKLMNPQRTUVWXY',
                  1 + (((n.year %% 100)::bigint * 10000000 + n.serial) %% 23)::int, 1) AS pnc_id,
    CASE WHEN NOT n.under_18 AND n.r_crn < 0.85 THEN
        substr('ZUQOI', 1 + (n.idx / 1000000)::int, 1)
        || lpad((((n.idx %% 1000000) * 7919) %% 1000000)::text, 6, '0')
    END AS crn,
    CASE WHEN n.state_code = 1 THEN 'custody' WHEN n.state_code = 2 THEN 'wanted' ELSE '' END
        AS state
FROM (
    SELECT p.*,
        least(extract(year FROM %(today)s::date)::int,
              greatest(1990, extract(year FROM p.date_of_birth)::int + 12
                             + floor(p.r_year * 13)::int)) AS year,
        1000000 + (p.idx * 7919) %% 8999999 AS serial,
        CASE WHEN p.r_state < 0.05 THEN 1 WHEN p.r_state < 0.07 THEN 2 ELSE 0 END AS state_code
    FROM pop_n p
) n
"""

INSERT_NOMINALS = """
INSERT INTO iom_nominal (id, scheme_id, area_id, first_names, last_name, date_of_birth, gender,
    pnc_id, crn, address, contact_number, primary_substance, is_ppo, mappa_level,
    current_sex_offender, yos_high_risk, created_at, created_by_id, updated_at, updated_by_id)
SELECT p.id, p.scheme_id, p.area_id, p.first_names, p.last_name, p.date_of_birth, p.gender,
    p.pnc_id, p.crn,
    (1 + floor(p.r_street * 180)::int)::text || ' '
        || (%(streets)s::text[])[1 + floor(p.r_street * 7919)::int
                                  %% cardinality(%(streets)s::text[])],
    '07700 900' || lpad((p.idx %% 1000)::text, 3, '0'),
    CASE WHEN p.r_sub < 0.6 THEN (%(substances)s::text[])[
        1 + floor(p.r_sub / 0.6 * cardinality(%(substances)s::text[]))::int] ELSE '' END,
    p.r_flag >= 0.03 AND p.r_flag < 0.07,
    CASE WHEN p.r_flag >= 0.02 AND p.r_flag < 0.03 THEN 2 + (p.idx %% 2)::int
         WHEN p.r_flag >= 0.07 AND p.r_flag < 0.095 THEN 1 ELSE 0 END,
    p.r_flag >= 0.013 AND p.r_flag < 0.02,
    p.under_18 AND p.r_crn < 0.5,
    now(), s.coordinator_id, now(), s.coordinator_id
FROM pop_person p JOIN pop_scheme s ON s.pos = p.pos
ORDER BY p.id
"""

ALIASES = """
INSERT INTO iom_alias (nominal_id, name)
SELECT p.id,
    CASE WHEN p.r_year < 0.5 THEN
        (%(nicknames)s::text[])[1 + floor(p.r_year * 2 * cardinality(%(nicknames)s::text[]))::int]
        || ' ' || p.last_name
    ELSE split_part(p.first_names, ' ', 1) || ' '
        || (%(last)s::text[])[1 + floor((p.r_year - 0.5) * 2 * cardinality(%(last)s::text[]))::int]
    END
FROM pop_person p
WHERE (p.idx * 2654435761) %% 100 < 15  -- about one in seven has an alias
"""

# How many events each nominal carries: one each, and the rest shared out in proportion to
# the Pareto weight, with cumulative floors so the total is exact.
EVENT_COUNTS = """
CREATE TEMPORARY TABLE pop_w AS
SELECT c.id, c.pos, c.state, c.compliance, c.r_sub < 0.6 AS has_substance,
    1 + (floor(%(extra)s * c.cum / c.total) - floor(%(extra)s * (c.cum - c.weight) / c.total))::int
        AS cnt
FROM (
    SELECT p.*, sum(p.weight) OVER (ORDER BY p.idx) AS cum, sum(p.weight) OVER () AS total
    FROM pop_person p
) c
ORDER BY c.id
"""
