"""The geometry of the server-rendered SVG needs chart (no JavaScript needed to see it)."""

from iom.codes import PATHWAYS

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 48
MAX_SCORE = 10
# GOV.UK colour palette: dark enough to read on white, one per pathway.
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#912b88", "#505a5f"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3"]


def _x(index, count):
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(score):
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / MAX_SCORE)


def needs_chart(assessments) -> dict:
    """Lines of each pathway's score across the assessments (oldest first); a blank score
    breaks the line, as there was no need to score."""
    count = len(assessments)
    scores = [{s.pathway: s.score for s in a.scores.all()} for a in assessments]
    series = []
    for i, (code, label) in enumerate(PATHWAYS.items()):
        segments, current, dots = [], [], []
        for index, by_pathway in enumerate(scores):
            score = by_pathway.get(code)
            if score is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = (round(_x(index, count), 1), round(_y(score), 1))
            current.append(point)
            dots.append({"x": point[0], "y": point[1], "score": score})
        if current:
            segments.append(current)
        series.append(
            {
                "label": label,
                "colour": COLOURS[i % len(COLOURS)],
                "dash": DASHES[i % len(DASHES)],
                "lines": [" ".join(f"{x},{y}" for x, y in seg) for seg in segments if len(seg) > 1],
                "dots": dots,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "top": TOP,
        "grid": [{"score": s, "y": round(_y(s), 1)} for s in range(0, MAX_SCORE + 1, 2)],
        "dates": [
            {"x": round(_x(i, count), 1), "label": f"{a.date:%d %b %Y}"}
            for i, a in enumerate(assessments)
        ],
        "series": series,
    }
