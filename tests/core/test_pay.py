"""Pay in dollars: published 2026 table cells, the cap, the SES range, leave, the annuity, the lean."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.pay import (
    LocalityError,
    PayInputError,
    PayInputs,
    compare_pay,
    find_locality,
    gs_pay,
    pay_text,
    suggested_lean,
)
from ses_decider.core.pay_tables import pay_tables

TABLES = pay_tables()
CODES = [a.code for a in TABLES.localities]

# OPM, Salary Table 2026-SD (San Diego-Chula Vista-Carlsbad, CA, 33.72%), annual rates as published.
OPM_2026_SD = {
    1: [30199, 31212, 32216, 33216, 34218, 34805, 35798, 36798, 36840, 37773],
    2: [33956, 34763, 35889, 36840, 37252, 38347, 39442, 40537, 41632, 42728],
    3: [37051, 38287, 39522, 40758, 41993, 43229, 44465, 45700, 46936, 48171],
    4: [41591, 42978, 44364, 45751, 47138, 48524, 49911, 51298, 52684, 54071],
    5: [46533, 48084, 49636, 51187, 52738, 54289, 55840, 57391, 58942, 60494],
    6: [51871, 53600, 55329, 57058, 58787, 60516, 62245, 63974, 65703, 67432],
    7: [57641, 59563, 61484, 63406, 65328, 67249, 69171, 71092, 73014, 74935],
    8: [63835, 65963, 68090, 70218, 72345, 74473, 76600, 78728, 80855, 82983],
    9: [70507, 72857, 75208, 77559, 79910, 82261, 84611, 86962, 89313, 91664],
    10: [77643, 80231, 82818, 85406, 87993, 90581, 93168, 95756, 98343, 100931],
    11: [85307, 88151, 90995, 93839, 96684, 99528, 102372, 105216, 108060, 110905],
    12: [102246, 105655, 109063, 112472, 115880, 119289, 122697, 126106, 129515, 132923],
    13: [121585, 125638, 129691, 133744, 137797, 141850, 145903, 149956, 154009, 158062],
    14: [143677, 148467, 153256, 158046, 162836, 167626, 172416, 177206, 181996, 186785],
    15: [169001, 174634, 180268, 185902, 191535, 197169, 197200, 197200, 197200, 197200],
}


def compare(grade=15, step=6, locality="DCB", **kwargs):
    return compare_pay(PayInputs(grade, step, locality, **kwargs))


# Published cells -------------------------------------------------------------------------------
def test_reproduces_opms_2026_san_diego_table_cell_for_cell():
    san_diego = find_locality("SD")
    for grade, row in OPM_2026_SD.items():
        got = [gs_pay(grade, step, san_diego, TABLES)[2] for step in range(1, 11)]
        assert got == row, f"GS-{grade}"


@pytest.mark.parametrize(
    ("grade", "step", "locality", "published"),
    [
        (5, 1, "DCB", 46610),  # Washington, 2026 (33.94%)
        (7, 1, "DCB", 57736),
        (12, 1, "DCB", 102415),
        (14, 9, "RCH", 166426),  # Richmond, OPM 2026-RCH (22.28%)
        (15, 9, "RCH", 195756),
        (15, 10, "RCH", 197200),  # capped
        (11, 1, "RCH", 78009),
    ],
)
def test_published_2026_cells(grade, step, locality, published):
    assert compare(grade, step, locality).gs_adjusted_pay == published


def test_gs15_step6_in_washington_is_capped_and_says_by_how_much():
    result = compare(15, 6, "Washington-Baltimore")
    assert result.gs_base_pay == 147449
    assert result.gs_uncapped_pay == 197493  # 147,449 x 1.3394, rounded
    assert result.gs_adjusted_pay == 197200 and result.capped
    assert result.cap_reduction == 293
    assert any("$197,200" in note and "$293" in note for note in result.notes)


def test_an_uncapped_cell_has_no_cap_note():
    result = compare(13, 1, "RUS")
    assert not result.capped and result.cap_reduction == 0
    assert result.gs_adjusted_pay == round(90925 * 1.1706)
    assert not any("capped" in note for note in result.notes)


def test_the_ses_minimum_is_120_percent_of_gs15_step1():
    assert TABLES.base_rate(15, 1) == 126384
    assert TABLES.ses_minimum == 151661 == round(1.2 * 126384)


# The SES side ------------------------------------------------------------------------------
def test_the_issue_example_in_dollars_and_per_hour():
    result = compare(
        15, 6, "Washington-Baltimore", ses_salary=190000, hours_now=45, hours_ses=55,
        award_percent=5, years_of_service=18,
    )  # fmt: skip
    assert result.ses_salary == 190000 and result.ses_award == 9500 and result.ses_pay == 199500
    assert result.annual_difference == 199500 - 197200
    assert result.hourly_now == pytest.approx(197200 / (52 * 45), abs=0.005)
    assert result.hourly_ses == pytest.approx(199500 / (52 * 55), abs=0.005)
    assert result.hourly_difference == pytest.approx(result.hourly_ses - result.hourly_now)
    assert result.hourly_difference_percent == round((199500 / 55) / (197200 / 45) * 100 - 100, 2)
    assert result.suggested_pay_lean == -3  # three full 5% steps down, counted toward zero


def test_no_ses_salary_means_the_range_minimum_and_says_so():
    result = compare()
    assert result.ses_salary == TABLES.ses_minimum
    assert any("No SES salary given" in note and "$151,661" in note for note in result.notes)


@pytest.mark.parametrize(
    ("salary", "certified", "kept"),
    [(100000, True, 151661), (250000, True, 228000), (220000, False, 209600)],
)
def test_a_salary_outside_the_range_is_kept_inside_with_a_note(salary, certified, kept):
    result = compare(ses_salary=salary, certified=certified)
    assert result.ses_salary == kept
    assert any("outside the range" in note for note in result.notes)


def test_strict_mode_refuses_a_salary_outside_the_range():
    with pytest.raises(PayInputError, match=r"\$209,600"):
        compare_pay(PayInputs(15, 6, "DCB", ses_salary=220000, certified=False), strict=True)
    assert compare_pay(PayInputs(15, 6, "DCB", ses_salary=209600, certified=False), strict=True)


def test_the_award_is_paid_but_not_in_the_high3():
    with_award = compare(ses_salary=200000, award_percent=10, years_of_service=20,
                         years_to_retirement=5)  # fmt: skip
    without = compare(ses_salary=200000, years_of_service=20, years_to_retirement=5)
    assert with_award.ses_pay == without.ses_pay + 20000
    assert with_award.annuity == without.annuity
    assert any("not in the high-3" in note for note in with_award.notes)


def test_ses_notes_say_no_overtime_and_how_hours_are_counted():
    notes = " ".join(compare(hours_now=45).notes)
    assert "neither overtime pay nor compensatory time" in notes
    assert "52 weeks" in notes and "leave is compared separately" in notes
    assert "none is counted here" in notes  # GS hours above 40


# Leave and the annuity ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("years", "hours"), [(0, 104), (2.9, 104), (3, 160), (14.9, 160), (15, 208)]
)
def test_gs_leave_by_years_of_service_and_ses_leave_flat(years, hours):
    result = compare(years_of_service=years)
    assert result.leave_hours_now == hours
    assert result.leave_hours_ses == 208
    assert (result.carry_over_hours_now, result.carry_over_hours_ses) == (240, 720)


def test_without_years_of_service_leave_and_annuity_are_not_guessed():
    result = compare()
    assert result.leave_hours_now is None and result.annuity is None
    assert any("years of service" in note for note in result.notes)


@pytest.mark.parametrize(
    ("service", "to_go", "age", "percent"),
    [(18, 4, 62, 1.1), (18, 4, 61, 1.0), (15, 4, 65, 1.0), (18, 4, None, 1.0), (20, 0, 62, 1.1)],
)
def test_fers_uses_1_1_percent_only_at_62_with_20_years(service, to_go, age, percent):
    result = compare(ses_salary=200000, years_of_service=service, years_to_retirement=to_go,
                     age_at_retirement=age)  # fmt: skip
    annuity = result.annuity
    assert annuity.percent_per_year == percent
    years = service + to_go
    assert annuity.annuity_gs == round(197200 * years * percent / 100)


def test_fewer_than_three_ses_years_blend_the_high3():
    result = compare(ses_salary=200000, years_of_service=20, years_to_retirement=1)
    assert result.annuity.high3_ses == round((200000 + 2 * 197200) / 3)
    assert result.annuity.annuity_ses == round((200000 + 2 * 197200) / 3 * 21 / 100)
    assert result.annuity.difference == result.annuity.annuity_ses - result.annuity.annuity_gs


# The lean ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("percent", "lean"),
    [(12, 2), (-7, -1), (30, 5), (-40, -5), (4.99, 0), (-4.99, 0), (5, 1), (10, 2), (0, 0)],
)
def test_lean_rule_examples_from_the_resources_file(percent, lean):
    assert suggested_lean(percent) == lean


def test_the_rule_is_stated_in_words_in_the_resources_file():
    assert "5%" in TABLES.texts["lean"] and "+12% suggests +2" in TABLES.texts["lean"]
    assert compare().lean_rule == TABLES.texts["lean"]


@given(st.floats(-1000, 1000), st.floats(-1000, 1000))
def test_lean_is_bounded_and_monotone_in_the_per_hour_difference(a, b):
    low, high = sorted((a, b))
    assert -5 <= suggested_lean(low) <= suggested_lean(high) <= 5


# Properties ----------------------------------------------------------------------------------
def test_the_cap_is_never_exceeded_and_a_higher_step_never_pays_less():
    for area in TABLES.localities:
        for grade in range(1, 16):
            pays = [gs_pay(grade, step, area, TABLES)[2] for step in range(1, 11)]
            assert max(pays) <= TABLES.cap, (area.code, grade)
            assert pays == sorted(pays), (area.code, grade)


@settings(max_examples=150, deadline=None)
@given(
    grade=st.integers(1, 15),
    step=st.integers(1, 10),
    code=st.sampled_from(CODES),
    hours=st.floats(1, 100),
    more=st.floats(0, 60),
    salary=st.floats(100000, 260000),
    award=st.floats(0, 20),
)
def test_more_ses_hours_never_raise_pay_per_hour(grade, step, code, hours, more, salary, award):
    common = dict(ses_salary=salary, award_percent=award, hours_now=40)
    fewer = compare(grade, step, code, hours_ses=hours, **common)
    longer = compare(grade, step, code, hours_ses=hours + more, **common)
    assert longer.hourly_ses <= fewer.hourly_ses
    assert longer.suggested_pay_lean <= fewer.suggested_pay_lean
    for result in (fewer, longer):
        assert result.gs_adjusted_pay <= TABLES.cap
        assert result.ses_minimum <= result.ses_salary <= result.ses_maximum


# Input checks and output -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        (dict(grade=16), "grade 16"),
        (dict(grade=0), "grade 0"),
        (dict(grade=True), "grade True"),
        (dict(step=0), "step 0"),
        (dict(step=11), "step 11"),
        (dict(hours_now=-5), "hours a week now"),
        (dict(hours_now=0), "hours a week now"),
        (dict(hours_ses=math.nan), "hours a week in the SES"),
        (dict(hours_ses=200), "at most 168"),
        (dict(award_percent=25), "award"),
        (dict(years_of_service=-1), "years of service"),
        (dict(years_to_retirement=-2), "years to retirement"),
        (dict(ses_salary=-1), "SES salary"),
        (dict(locality="Nowhere"), "unknown locality"),
    ],
)
def test_bad_input_is_a_one_line_error_naming_the_field(kwargs, named):
    args = dict(grade=15, step=6, locality="DCB") | kwargs
    with pytest.raises(PayInputError) as info:
        compare_pay(PayInputs(**args))
    assert named in str(info.value) and "\n" not in str(info.value)


def test_json_has_the_keys_the_issue_names():
    data = compare(years_of_service=18, years_to_retirement=5).to_json()
    required = {
        "gs_base_pay", "locality_percent", "gs_adjusted_pay", "capped", "ses_pay",
        "annual_difference", "hourly_now", "hourly_ses", "hourly_difference", "leave_hours_now",
        "leave_hours_ses", "suggested_pay_lean", "as_of",
    }  # fmt: skip
    assert required <= set(data)
    assert data["locality_code"] == "DCB" and data["as_of"] == "2026-01"
    assert data["annuity"]["years_at_retirement"] == 23


def test_text_shows_the_figures_a_person_looks_for():
    text = pay_text(compare(ses_salary=190000, award_percent=5, years_of_service=18))
    assert "$197,200, capped (the cap removes $293)" in text
    assert "salary $190,000 + award $9,500 = $199,500" in text
    assert "Suggested Pay lean:" in text and "Figures as of 2026-01" in text


# Locality lookup -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("DCB", "DCB"),
        ("dcb", "DCB"),
        ("Washington-Baltimore", "DCB"),
        ("washington-baltimore-arlington, dc-md-va-wv-pa", "DCB"),
        ("Baltimore", "DCB"),
        ("Rest of U.S.", "RUS"),
        ("rest of us", "RUS"),
        ("San Francisco", "SF"),
        ("Alaska", "AK"),
        ("LA", "LA"),  # an exact code wins over names that start with it (Laredo, Las Vegas)
        ("houston", "HOU"),
    ],
)
def test_locality_by_code_name_or_unique_prefix(query, code):
    assert find_locality(query).code == code


def test_an_ambiguous_locality_lists_the_areas_it_matches():
    with pytest.raises(LocalityError) as info:
        find_locality("San")
    message = str(info.value)
    assert "matches 3 areas" in message and "(SD)" in message and "(SF)" in message
    assert "\n" not in message


def test_an_unknown_locality_lists_close_matches():
    with pytest.raises(LocalityError) as info:
        find_locality("Washingtn-Baltimore")
    message = str(info.value)
    assert "unknown locality" in message and "close matches" in message and "(DCB)" in message
    with pytest.raises(LocalityError, match="--list-localities"):
        find_locality("Qqqq")
    with pytest.raises(LocalityError, match="no locality given"):
        find_locality("  ")
