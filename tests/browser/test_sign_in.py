from playwright.sync_api import expect


def test_sign_in_shows_home_for_the_users_scheme(page, sign_in, police, assert_accessible):
    sign_in(police)
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    expect(page.get_by_text("Testshire IOM")).to_be_visible()
    expect(page.get_by_text("OFFICIAL-SENSITIVE").first).to_be_visible()
    assert_accessible()


def test_wrong_password_is_refused_with_an_error_summary(
    page, server_url, police, assert_accessible
):
    page.goto(f"{server_url}/sign-in/")
    page.get_by_label("Username").fill(police.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert "/sign-in/" in page.url
    assert_accessible()


def test_sign_in_page_is_accessible(page, server_url, db, assert_accessible):
    page.goto(f"{server_url}/sign-in/")
    assert_accessible()
