"""SQL for each scheme's cohort (spells, with exits and re-joins), its meetings and their
attendance, actions and retain decisions, confirmed RAG statuses and referrals.

pop_staff(pos, team, k, user_id, agency_id) and pop_level(pos, k, level_id) are filled by
iom/population/build.py; the cohort is drawn from the more active nominals of each scheme.
"""

# The most active eligible nominals (adults, not MAPPA 2/3, not current sex offenders), with
# chance mixed in; rank <= members joins the cohort, the next 30% only had a spell that ended,
# and the next 50% after that were referred.
RANKED = """
CREATE TEMPORARY TABLE pop_rank AS
SELECT r.*, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
    random() AS r6, random() AS r7
FROM (
    SELECT q.id AS nominal_id, q.pos, q.scheme_id, q.area_id, q.is_ppo, q.members, q.levels,
        row_number() OVER (PARTITION BY q.pos ORDER BY q.key DESC, q.id) AS rank
    FROM (
        SELECT n.id, s.pos, n.scheme_id, n.area_id, n.is_ppo, s.members, s.levels,
            p.weight * (0.5 + random()) AS key
        FROM iom_nominal n
        JOIN pop_person p ON p.id = n.id
        JOIN pop_scheme s ON s.pos = p.pos
        WHERE NOT p.under_18 AND n.mappa_level < 2 AND NOT n.current_sex_offender
        ORDER BY n.id
    ) q
) r
WHERE r.rank <= r.members * 1.8
ORDER BY r.pos, r.rank
"""

_SPELL_COLUMNS = """
    nominal_id, scheme_id, level_id, area_id, start, "end", exit_reason, exit_notes,
    lead_agency_id, lead_professional_id, police_officer_id, created_at, created_by_id
"""
_EXIT_REASONS = (
    "ARRAY['not-reoffended', 'not-reoffended', 'moved-area', 'risk-reduced', 'long-custody', "
    "'other']"
)

SPELLS = f"""
WITH drawn AS (
    SELECT r.*,
        CASE WHEN r.r7 < 0.55 THEN 'probation' WHEN r.r7 < 0.8 THEN 'substance'
             ELSE 'housing' END AS team,
        %(today)s::date - 730 - floor(r.r2 * 400)::int AS old_start
    FROM pop_rank r
    WHERE r.rank <= r.members * 1.3
),
spells AS (
    -- an earlier spell that ended: some of today's members, and those only in the past
    SELECT d.*, d.old_start AS start, d.old_start + 183 + floor(d.r3 * 240)::int AS finish
    FROM drawn d WHERE d.rank > d.members OR d.r1 < 0.2
    UNION ALL
    -- the open spell: a re-join after an exit, or the only spell
    SELECT d.*,
        CASE WHEN d.r1 < 0.2 THEN d.old_start + 183 + floor(d.r3 * 240)::int + 30
                                  + floor(d.r5 * 150)::int
             ELSE %(today)s::date - 14 - floor(d.r2 * 1000)::int END,
        NULL
    FROM drawn d WHERE d.rank <= d.members AND (d.r1 >= 0.2 OR d.r4 < 0.3)
)
INSERT INTO iom_membership ({_SPELL_COLUMNS})
SELECT sp.nominal_id, sp.scheme_id, lv.level_id, sp.area_id, sp.start, sp.finish,
    CASE WHEN sp.finish IS NULL THEN ''
         ELSE ({_EXIT_REASONS})[1 + floor(sp.r6 * 6)::int] END,
    CASE WHEN sp.finish IS NOT NULL AND floor(sp.r6 * 6) = 5
         THEN 'Agreed at panel: now managed by the neighbourhood team.' ELSE '' END,
    CASE WHEN sp.r6 < 0.03 AND sp.finish IS NULL THEN NULL ELSE lead.agency_id END,
    CASE WHEN sp.r6 < 0.03 AND sp.finish IS NULL THEN NULL ELSE lead.user_id END,
    officer.user_id,
    now(), s.coordinator_id
FROM spells sp
JOIN pop_scheme s ON s.pos = sp.pos
JOIN pop_level lv ON lv.pos = sp.pos
    AND lv.k = CASE WHEN sp.is_ppo THEN 1 ELSE 1 + floor(sp.r5 * sp.levels)::int END
JOIN pop_staff lead ON lead.pos = sp.pos AND lead.team = sp.team
    AND lead.k = 1 + (sp.nominal_id %% 3)::int
JOIN pop_staff officer ON officer.pos = sp.pos AND officer.team = 'police'
    AND officer.k = 1 + (sp.nominal_id %% 8)::int
ORDER BY sp.pos, sp.rank, sp.start
"""  # noqa: S608 (built from constants only)

# Daily tasking on Monday, Wednesday and Friday for twelve weeks and today; a panel fortnightly.
MEETINGS = """
INSERT INTO tasking_meeting (scheme_id, kind, date, chair_id, notes, created_at, created_by_id)
SELECT s.scheme_id, m.kind, m.day, s.coordinator_id, '', now(), s.coordinator_id
FROM pop_scheme s
CROSS JOIN (
    SELECT 'daily' AS kind, d::date AS day
    FROM generate_series(%(today)s::date - 84, %(today)s::date - 1, interval '1 day') AS d
    WHERE extract(isodow FROM d) IN (1, 3, 5)
    UNION ALL SELECT 'daily', %(today)s::date
    UNION ALL
    SELECT 'panel', d::date
    FROM generate_series(%(today)s::date - 84, %(today)s::date - 1, interval '14 days') AS d
) m
ORDER BY s.pos, m.day, m.kind
"""

ATTENDANCE = """
INSERT INTO tasking_attendance (meeting_id, user_id, name, agency_id, recorded_at, recorded_by_id)
SELECT m.id, st.user_id, '', st.agency_id, now(), s.coordinator_id
FROM tasking_meeting m
JOIN pop_scheme s ON s.scheme_id = m.scheme_id
JOIN pop_staff st ON st.pos = s.pos AND st.k = 1
    AND st.team IN ('police', 'probation', 'substance', 'housing')
ORDER BY m.id, st.team
"""

# Two actions per past meeting about members (chosen by the meeting's date, so the same seed
# gives the same actions); a third of those due before today still open.
ACTIONS = """
INSERT INTO tasking_action (meeting_id, nominal_id, description, owner_id, agency_id, due_date,
    completed_at, completed_by_id, created_at, created_by_id)
SELECT m.id, r.nominal_id, 'Check address and update the case team (' || a.n || ').',
    st.user_id, st.agency_id, m.date + 7,
    CASE WHEN m.date + 7 < %(today)s::date AND (m.date - DATE '2000-01-01' + a.n) %% 3 <> 0
         THEN now() END,
    CASE WHEN m.date + 7 < %(today)s::date AND (m.date - DATE '2000-01-01' + a.n) %% 3 <> 0
         THEN st.user_id END,
    now(), s.coordinator_id
FROM tasking_meeting m
JOIN pop_scheme s ON s.scheme_id = m.scheme_id
CROSS JOIN generate_series(1, 2) AS a(n)
JOIN pop_rank r ON r.pos = s.pos
    AND r.rank = 1 + ((m.date - DATE '2000-01-01') * 7 + a.n) %% least(50, s.members)
JOIN pop_staff st ON st.pos = s.pos AND st.k = 1
    AND st.team = CASE WHEN a.n = 1 THEN 'police' ELSE 'probation' END
WHERE m.date < %(today)s::date
ORDER BY m.id, a.n
"""

# One open spell in ten that began over seven months ago was retained at the first meeting.
RETAIN_DECISIONS = """
INSERT INTO tasking_decision (meeting_id, kind, nominal_id, membership_id, reason, details,
    decided_by_id, decided_at)
SELECT first_meeting.id, 'retain', ms.nominal_id, ms.id,
    'Police intelligence supports continued inclusion.', '{}'::jsonb, s.coordinator_id, now()
FROM iom_membership ms
JOIN pop_scheme s ON s.scheme_id = ms.scheme_id
JOIN pop_rank r ON r.nominal_id = ms.nominal_id
CROSS JOIN LATERAL (
    SELECT m.id FROM tasking_meeting m
    WHERE m.scheme_id = ms.scheme_id AND m.kind = 'daily'
    ORDER BY m.date, m.id LIMIT 1
) first_meeting
WHERE ms."end" IS NULL AND ms.start < %(today)s::date - 213 AND r.rank %% 10 = 0
ORDER BY ms.id
"""

# Confirmed colours for about half the open members, each with its history row.
RAG_STATUSES = """
WITH chosen AS (
    SELECT ms.nominal_id, s.coordinator_id, r.r3,
        CASE WHEN r.r3 < 0.40 THEN 'green' WHEN r.r3 < 0.70 THEN 'amber'
             WHEN r.r3 < 0.80 THEN 'amber_alert' WHEN r.r3 < 0.85 THEN 'red'
             ELSE 'blue' END AS status,
        now() - make_interval(days => floor(r.r3 * 60)::int) AS at
    FROM iom_membership ms
    JOIN pop_scheme s ON s.scheme_id = ms.scheme_id
    JOIN pop_rank r ON r.nominal_id = ms.nominal_id
    WHERE ms."end" IS NULL AND r.r4 < 0.5
),
statuses AS (
    INSERT INTO rag_ragstatus (nominal_id, status, confirmed_at, confirmed_by_id, reason, version)
    SELECT nominal_id, status, at, coordinator_id, 'Confirmed at daily tasking.', 1
    FROM chosen ORDER BY nominal_id
)
INSERT INTO rag_ragchange (nominal_id, from_status, to_status, suggested, changed_by_id,
    changed_at, reason, version)
SELECT nominal_id, '', status, status, coordinator_id, at, 'Confirmed at daily tasking.', 1
FROM chosen ORDER BY nominal_id
"""

# Referrals of nominals ranked just below the cohort, through every status.
REFERRALS = """
INSERT INTO referrals_referral (scheme_id, nominal_id, referral_date, current_offence_details,
    relevant_factors, referred_by_id, referring_agency_id, offender_manager_name,
    offender_manager_phone, ogrs_1yr, ogrs_2yr, current_orders, previously_on_panel, needs,
    risk_to_community, transfer_from_other_area, exceptional_circumstances, decision, tier,
    reasons, status, for_information, created_at)
SELECT q.scheme_id, q.nominal_id, q.referral_date,
    'Repeat acquisitive offending; see the nominal record.', '', st.user_id, st.agency_id,
    '', '', greatest(0, q.ogrs - 8), q.ogrs, '', q.r2 < 0.3,
    CASE WHEN q.r3 < 0.5 THEN ARRAY['accommodation', 'drugs']::varchar[]
         ELSE ARRAY[]::varchar[] END,
    '', false, '',
    CASE WHEN q.ogrs >= 90 THEN 'automatic' WHEN q.ogrs >= 80 THEN 'tier_2'
         ELSE 'not_eligible' END,
    CASE WHEN q.ogrs >= 90 THEN 1 WHEN q.ogrs >= 80 THEN 2 END,
    CASE WHEN q.ogrs >= 90 THEN ARRAY['ogrs_90_plus'] WHEN q.ogrs >= 80 THEN ARRAY['ogrs_80_89']
         ELSE ARRAY['ogrs_below_threshold'] END::varchar[],
    CASE WHEN q.ogrs < 80 THEN 'rejected'
         WHEN q.r4 < 0.2 THEN 'submitted' WHEN q.r4 < 0.4 THEN 'awaiting_decision'
         WHEN q.r4 < 0.8 THEN 'accepted' WHEN q.r4 < 0.9 THEN 'rejected' ELSE 'withdrawn' END,
    q.ogrs >= 90, now()
FROM (
    SELECT r.*, 50 + floor(r.r1 * 50)::int AS ogrs,
        %(today)s::date - floor(r.r5 * 120)::int AS referral_date,
        CASE WHEN r.r6 < 0.5 THEN 'probation' WHEN r.r6 < 0.8 THEN 'police'
             ELSE 'housing' END AS team
    FROM pop_rank r
    WHERE r.rank > r.members * 1.3
) q
JOIN pop_staff st ON st.pos = q.pos AND st.team = q.team AND st.k = 1
ORDER BY q.pos, q.rank
"""
