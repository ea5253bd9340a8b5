"""Extraction on the demo reports (data/reports) against their gold incidents.

The thresholds sit just under what the extractor measured when they were set
(see bench/extract_demo.py); a change that lowers them is a regression.
"""
import json
from pathlib import Path

import pytest

from incidents.articles import read_articles
from incidents.evaluate import Score, score_article
from incidents.extract import Extractor

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


@pytest.fixture(scope="module")
def scored(gazetteer):
    extractor = Extractor(gazetteer)
    gold = {row["id"]: row["incidents"] for row in map(json.loads, (REPORTS.parent / "gold" / "demo_expected.jsonl").open())}
    articles = list(read_articles(str(REPORTS / "demo_reports.jsonl")))
    found = {a.doc_id: [i.to_dict() for i in extractor.extract(a)] for a in articles}

    def locate(name, country):
        place = gazetteer.geocode(name, country=country)
        return (place.latitude, place.longitude) if place else None

    score = Score()
    for article in articles:
        score_article(score, gold[article.doc_id], found[article.doc_id], locate=locate, label=article.doc_id)
    return articles, found, score


def test_demo_reports_are_valid_articles(scored):
    articles, _, _ = scored
    assert len(articles) >= 30
    assert all(a.published is not None and a.title and a.url for a in articles)


def test_every_incident_is_dated_no_later_than_its_report(scored):
    articles, found, _ = scored
    for article in articles:
        for incident in found[article.doc_id]:
            assert incident["event_date"] <= article.published.isoformat()


def test_agreement_with_gold(scored):
    _, _, score = scored
    assert score.recall >= 0.82, score.lines()
    assert score.precision >= 0.82, score.lines()
    assert score.same_sub_event / score.matched >= 0.9
    assert score.same_date / score.matched >= 0.85


def test_demo_covers_all_six_event_types(scored):
    _, found, _ = scored
    assert {i["event_type"] for rows in found.values() for i in rows} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians",
        "Protests", "Riots", "Strategic developments",
    }
