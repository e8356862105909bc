"""The departments page (/owners/), in Chromium, on the example site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(example_site, serve):
    return serve(example_site)


def rows(page) -> list[dict]:
    """Each department as a reader sees its row: name, killers, average (None for '–')."""
    found = []
    for row in page.locator(".jm-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        average = cells[1].strip()
        found.append({"name": row.locator("th").inner_text().strip(), "killers": int(cells[2]),
                      "average": None if average == "–" else float(average.replace(",", "."))})
    return found


def test_departments_with_killers_come_first_then_the_lowest_average(browser, site_url, screenshots):
    # The list was alphabetical: Klantcontactcentrum, with a killer and 2,2,
    # stood 13th of 19, below Afvalbeheer and a dozen departments doing well.
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url + "owners/")
    shown = rows(page)
    assert len(shown) >= 10
    with_killers = [r for r in shown if r["killers"]]
    assert with_killers and shown[:len(with_killers)] == with_killers, [r["name"] for r in shown]
    rest = [r["average"] for r in shown[len(with_killers):] if r["average"] is not None]
    assert rest == sorted(rest), rest
    assert "de zwakste eerst" in page.inner_text("article p")  # the page says how it is ordered
    page.screenshot(path=str(screenshots / "departments.png"), full_page=True)
    page.close()
