"""The API docs page: Swagger UI from this site's own static files, under the site's CSP."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# Swagger UI's own markup (not ours to change): headings that skip levels, links inside its
# expand buttons, example boxes that scroll, content outside its landmarks.
SWAGGER_UI_RULES = ("heading-order", "nested-interactive", "scrollable-region-focusable", "region")


def test_swagger_ui_renders_the_schema_with_no_csp_errors(page, sign_in, coordinator):
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://localhost", "data:"))
            else None
        ),
    )

    sign_in(coordinator, "/api/v1/docs/")
    expect(page.get_by_role("heading", name="IOM case management API")).to_be_visible()
    expect(page.get_by_text("/api/v1/nominals/{id}/rag/").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/v1/nominals/").first.click()
    expect(page.get_by_role("button", name="Try it out").first).to_be_visible()

    assert problems == []
    assert outside == []
    results = Axe().run(
        page,
        # The syntax-highlighted examples colour their text inline.
        context={"exclude": [[".microlight"]]},
        options={"rules": {rule: {"enabled": False} for rule in SWAGGER_UI_RULES}},
    )
    assert results.violations_count == 0, results.generate_report()
