"""The departments page (/owners/), in Chromium, on the example site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browsing import type_search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(example_site, serve):
    return serve(example_site)


def rows(page) -> list[dict]:
    """Each department as a reader sees its row: name, killers, average (None for '–')."""
    headers = page.locator(".jm-table thead th").all_inner_texts()[1:]
    found = []
    for row in page.locator(".jm-table tbody tr").all():
        cells = dict(zip(headers, row.locator("td").all_inner_texts()))
        # with a killer: '2,2 zonder killers'
        average = re.search(r"\d+,\d", cells["Gemiddeld"])
        found.append({"name": row.locator("th").inner_text().strip(), "killers": int(cells["Killers"]),
                      "average": float(average.group(0).replace(",", ".")) if average else None})
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


def test_on_a_phone_every_department_shows_its_killers_and_average(browser, site_url, screenshots):
    # At 390 px the Killers column began at 342 px and ended past the screen's
    # edge (the count of journeys, a number under 7rem, pushed the table to
    # 520 px): the red counts were out of sight unless a reader scrolled sideways.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "owners/")
    seen = page.locator(".jm-table-wrap").bounding_box()
    cut = []
    for header in ("Afdeling", "Killers", "Gemiddeld"):
        column = page.locator(".jm-table thead th").all_inner_texts().index(header)
        for row in page.locator(".jm-table tr").all():
            box = row.locator("th, td").nth(column).bounding_box()
            if box["x"] < seen["x"] or box["x"] + box["width"] > seen["x"] + seen["width"]:
                cut.append((header, row.inner_text()[:30]))
    assert cut == []
    assert page.locator(".jm-table .jm-killer-text").first.is_visible()
    page.screenshot(path=str(screenshots / "departments-phone.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("width", [390, 1400])
def test_a_department_with_a_killer_shows_no_face_beside_it_and_its_average_marked_as_without(browser, site_url,
                                                                                               width):
    # Afvalbeheer, 'Killers 1', had a happy face and '4,5': the killer cancels every good moment, as a journey's
    # does, and the catalogue shows a killed journey's average marked 'zonder killer'.
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(site_url + "owners/")
    column = page.locator(".jm-table thead th").all_inner_texts().index("Gemiddeld") - 1  # after the row's header
    seen = []
    for row in page.locator(".jm-table tbody tr").all():
        killers = int(row.locator("td").nth(0).inner_text())
        average = row.locator("td").nth(column)
        faces = average.locator(".jm-face-icon:not(.jm-face-icon--killer)")
        if killers:
            assert faces.count() == 0, row.inner_text()
            assert re.fullmatch(r"\d,\d zonder killers", average.inner_text().strip())
            assert average.locator(".jm-face-icon--killer").first.is_visible()
        elif average.inner_text().strip() != "–":
            assert faces.first.is_visible(), row.inner_text()
        seen.append(bool(killers))
    assert any(seen) and not all(seen)
    # a department's own page says it as the list does
    page.goto(site_url + "owners/afvalbeheer/")
    figures = page.locator(".jm-owner-figures dl")
    assert figures.locator(".jm-face-icon:not(.jm-face-icon--killer)").count() == 0
    assert "Gemiddeld\n4,5 zonder killers" in figures.inner_text()
    page.close()


def test_on_a_phone_a_department_shows_each_moment_s_verdict_and_journey(browser, site_url, example_site, screenshots):
    # A department's moments were a table of four columns, 460 to 570 px wide
    # at 390 px: each moment's journey began near 300 px and ran past the
    # screen's edge, its phase beyond it, unless a reader scrolled sideways.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    slugs = sorted(path.parent.name for path in example_site.glob("owners/*/index.html"))
    assert len(slugs) >= 10
    cut, apart = [], []
    for slug in slugs:
        page.goto(site_url + f"owners/{slug}/")
        wrap = page.locator(".jm-table-wrap")
        seen = wrap.bounding_box()
        if wrap.evaluate("box => box.scrollWidth > box.clientWidth"):  # there is more to scroll to
            cut.append((slug, "table", wrap.evaluate("box => box.scrollWidth - box.clientWidth")))
        for row in page.locator(".jm-owner-moments tbody tr").all():
            boxes = {part: row.locator(cell).bounding_box() for part, cell in
                     (("label", "th"), ("verdict", "td >> nth=0"), ("journey", "td[data-label='Reis'] >> a"))}
            for part, box in boxes.items():
                if box["x"] < seen["x"] or box["x"] + box["width"] > seen["x"] + seen["width"] + 0.5:
                    cut.append((slug, part, row.locator("th").inner_text()[:30]))
            label = boxes["label"]
            if boxes["verdict"]["y"] > label["y"] + label["height"] + 10:  # beside its label or right under it
                apart.append((slug, row.locator("th").inner_text()[:30]))
    assert cut == [] and apart == []
    page.goto(site_url + "owners/klantcontactcentrum/")
    page.screenshot(path=str(screenshots / "department-phone.png"), full_page=True)
    # a wide screen keeps the table: a moment's cells side by side under the column headers
    page.set_viewport_size({"width": 1400, "height": 900})
    assert page.locator(".jm-owner-moments thead th").all_inner_texts() == [
        "Moment", "Beleving", "Toelichting", "Reis", "Fase"]  # why a moment hurts, where any moment says so
    tops = {round(cell.bounding_box()["y"]) for cell in page.locator(".jm-owner-moments tbody tr >> nth=1").locator(
        "th, td").all()}
    assert len(tops) == 1, tops
    page.close()


@pytest.mark.parametrize("width", [390, 1400])
def test_a_department_page_marks_each_moment_of_a_design_and_counts_today_s(browser, site_url, width):
    # Team Parkeren's designed 4,5s looked like today's moments, told apart only by '(ontwerp)' in a title,
    # and 'Momenten: 6' counted them beside an average of today's three.
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(site_url + "owners/team-parkeren/")
    marked = []
    for row in page.locator(".jm-owner-moments tbody tr").all():
        mark = row.locator("td >> nth=0").locator(".jm-designed")
        designed = "(ontwerp)" in row.locator("td[data-label='Reis']").inner_text()  # the example's design says so
        assert mark.count() == designed, row.inner_text()
        if designed:
            assert mark.is_visible() and mark.inner_text() == "ontwerp"
            marked.append(row)
    rows = page.locator(".jm-owner-moments tbody tr").count()
    assert 0 < len(marked) < rows
    figures = dict(zip(page.locator(".jm-owner-figures dt").all_inner_texts(),
                       page.locator(".jm-owner-figures dd").all_inner_texts()))
    assert int(figures["Momenten"]) == rows - len(marked) and int(figures["Reizen"]) == 1, figures
    page.close()


def test_a_department_page_leads_to_the_kiosk_showing_only_its_journeys(browser, site_url):
    # A department that wants its journeys on the screen in its office finds the address on its own page.
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url + "owners/beheer-openbare-ruimte/")
    page.get_by_role("link", name="De reizen van deze afdeling op een kantoorscherm (kiosk)").click()
    page.wait_for_function("document.querySelector('[data-kiosk]') && document.querySelector('[data-kiosk]')"
                           ".dataset.current")
    playlist = page.evaluate("fetch('playlist.json').then(r => r.json())")
    shown = page.get_attribute("[data-kiosk]", "data-current")
    ours = {m["id"] for m in playlist["maps"] if "Beheer Openbare Ruimte" in m["owners"]}
    assert shown in ours and len(ours) < len(playlist["maps"])
    page.close()


@pytest.mark.parametrize("name", ["Klantcontactcentrum", "ICT", "Communicatie"])
def test_searching_a_department_s_name_finds_its_page_first(browser, site_url, name):
    # Every journey a department takes part in is tagged with its name, and
    # Material ranks a tag's match far above a title's: Klantcontactcentrum's
    # page came 6th of 10, and 246th of 248 in a library of 300 journeys.
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    results = type_search(page, name)
    links = [urlsplit(item.locator("a").first.get_attribute("href")).path for item in results.all()]
    assert len(links) > 2 and links[0] == f"/owners/{name.lower()}/", links
    page.close()
