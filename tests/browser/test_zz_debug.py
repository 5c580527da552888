import pytest
from .conftest import login, axe_check

def test_debug(page, demo):
    login(page)
    page.goto("/coesfeld/verwaltung/massnahmen/neu/")
    page.get_by_label("Geschätzte Kosten (EUR)").fill("-5")
    page.get_by_role("button", name="Speichern").click()
    print(page.locator("main form").first.inner_html()[:6000])
    axe_check(page)
