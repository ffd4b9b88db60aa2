"""Facts for "About the SES": every figure with source, as-of date and a record of its check."""

from __future__ import annotations

from datetime import date

import pytest

from ses_decider.core.content import ContentError
from ses_decider.core.facts import (
    age_note,
    as_of_end,
    fact_sheet,
    is_stale,
    years_before,
)
from ses_decider.core.readiness_content import readiness_content

TODAY = date(2026, 11, 23)
FACT_IDS = {
    "survey_attractions",
    "survey_deterrents",
    "aspiration_2016",
    "size_2014",
    "size_2022",
    "time_to_ses",
    "where_ses_work",
    "noncareer_limits",
    "pay_range_2026",
    "pay_rules",
    "pay_compression",
    "performance_awards",
    "rank_awards",
    "rating_cap",
    "ecqs_current",
    "ecqs_classic",
    "application_2025",
    "qrb",
    "cdp",
    "reassignment",
    "reassignment_moratorium",
    "probation",
    "accountability_memo_2025",
    "appraisal_2025",
    "fallback_rights",
}


def test_ids_are_stable_and_every_topic_the_view_needs_is_covered():
    sheet = fact_sheet()
    assert {f.id for f in sheet.facts} == FACT_IDS
    topics = [t for t, _ in sheet.topics]
    assert topics == [
        "survey",
        "size",
        "pay",
        "awards",
        "ecqs",
        "selection",
        "mobility",
        "probation",
        "changes",
    ]
    assert all(sheet.by_topic(t) for t in topics)


def test_every_fact_has_text_source_as_of_date_and_a_check_record():
    sheet = fact_sheet()
    checked_on = date.fromisoformat(sheet.checked_on)
    for fact in sheet.facts:
        assert fact.title.strip() and fact.text.strip(), fact.id
        assert fact.source in sheet.sources, fact.id
        assert as_of_end(fact.as_of) <= checked_on, fact.id
        record = fact.verified
        assert record.status in ("verified", "partly verified", "unverified")
        if record.checked:
            assert record.what and record.where, fact.id
            assert TODAY <= date.fromisoformat(record.on) <= checked_on, fact.id
        else:
            assert record.reason, fact.id
        assert record.summary()
    for source in sheet.sources.values():
        assert source.title and source.author and source.short and source.as_of
        assert source.citation().startswith(source.author)


def test_the_survey_chart_is_58_22_20_with_its_source():
    chart = fact_sheet().survey
    assert [(b.id, b.percent) for b in chart.bars] == [
        ("interested", 58.0),
        ("noncommittal", 22.0),
        ("not_interested", 20.0),
    ]
    assert chart.source == "sea_survey" and chart.as_of == "2010"
    assert "12,000" in chart.note
    assert chart.verified.checked


def test_key_figures():
    sheet = fact_sheet()
    pay = sheet.fact("pay_range_2026")
    assert "$151,661" in pay.text and "$228,000" in pay.text and "$209,600" in pay.text
    assert pay.verified.status == "verified" and pay.as_of == "2026-01"
    assert "$197,200" in sheet.fact("pay_compression").text
    assert "7,794" in sheet.fact("size_2014").text
    rank = sheet.fact("rank_awards").text
    assert "20%" in rank and "35%" in rank
    assert "60 days" in sheet.fact("reassignment").text
    assert "one-year" in sheet.fact("probation").text
    assert sheet.fact("size_2022").verified.status == "unverified"


def test_the_ecq_facts_agree_with_the_readiness_content():
    sheet = fact_sheet()
    content = readiness_content()
    for set_id, fact_id in (("opm_2025", "ecqs_current"), ("classic_2006", "ecqs_classic")):
        text = sheet.fact(fact_id).text
        for ecq in content.ecq_set(set_id).ecqs:
            assert ecq.title in text, (fact_id, ecq.title)


# Two years old -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("as_of", "today", "stale"),
    [
        ("2014", TODAY, True),
        ("2010", TODAY, True),
        ("2025-05-29", TODAY, False),
        ("2026-01", TODAY, False),
        ("2024-11-23", TODAY, False),  # exactly two years: not yet
        ("2024-11-22", TODAY, True),
        ("2024", date(2026, 12, 31), False),  # a year counts from its last day
        ("2024", date(2027, 1, 1), True),
        ("2024-02", date(2026, 2, 28), False),
        ("2024-02", date(2026, 3, 1), True),
    ],
)
def test_older_than_two_years(as_of, today, stale):
    assert is_stale(as_of, today) is stale
    note = age_note(as_of, today)
    assert (note is not None) is stale
    if note:
        assert as_of in note and "more than 2 years" in note


def test_the_stale_rule_moves_with_the_day_it_is_asked():
    pay = fact_sheet().fact("pay_range_2026")
    assert not is_stale(pay.as_of, TODAY)
    assert is_stale(pay.as_of, date(2028, 2, 1))
    stale_now = {f.id for f in fact_sheet().facts if is_stale(f.as_of, TODAY)}
    assert {"size_2014", "survey_attractions", "aspiration_2016"} <= stale_now
    assert "rating_cap" not in stale_now


def test_dates_and_leap_days():
    assert as_of_end("2014") == date(2014, 12, 31)
    assert as_of_end("2024-02") == date(2024, 2, 29)
    assert as_of_end("2025-09-16") == date(2025, 9, 16)
    assert years_before(date(2028, 2, 29), 2) == date(2026, 2, 28)
    with pytest.raises(ContentError):
        as_of_end("2025-13")
