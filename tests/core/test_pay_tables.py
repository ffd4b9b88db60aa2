"""The 2026 pay file: every group sourced, dated and checked; broken content is reported plainly."""

from __future__ import annotations

import copy

import pytest

from ses_decider import resources
from ses_decider.core import pay_tables as pay_module
from ses_decider.core.content import ContentError
from ses_decider.core.facts import as_of_end
from ses_decider.core.pay_tables import PAY_FILE, pay_tables

ISSUE_FIGURES = {  # the figures issue 15 states for 2026
    "cap": 197200,
    "ses_minimum": 151661,
    "ses_maximum_certified": 228000,
    "ses_maximum_uncertified": 209600,
    "award_min_percent": 5,
    "award_max_percent": 20,
    "ses_leave_hours": 208,
    "gs_carry_over": 240,
    "ses_carry_over": 720,
    "fers_percent": 1.0,
    "fers_enhanced_percent": 1.1,
    "fers_enhanced_age": 62,
    "fers_enhanced_years": 20,
}


def test_the_figures_the_issue_states():
    tables = pay_tables()
    for name, value in ISSUE_FIGURES.items():
        assert getattr(tables, name) == value, name
    assert tables.leave_tiers == ((0, 104), (3, 160), (15, 208))
    assert tables.executive_schedule == {
        "I": 253100,
        "II": 228000,
        "III": 209600,
        "IV": 197200,
        "V": 184900,
    }


def test_all_fifteen_grades_ten_steps_and_58_localities_with_rest_of_us():
    tables = pay_tables()
    assert sorted(tables.gs_base) == list(range(1, 16))
    assert all(len(rates) == 10 for rates in tables.gs_base.values())
    assert len(tables.localities) == 58
    assert tables.locality("RUS").name == "Rest of U.S." and tables.locality("RUS").percent == 17.06
    assert tables.locality("DCB").percent == 33.94


def test_2026_base_is_the_2025_base_raised_one_percent_at_step_one():
    # 2025 step 1 rates (OPM 2025-GS); OPM raises step 1 and rebuilds the steps from it.
    step1_2025 = [22360, 25142, 27434, 30795, 34454, 38407, 42679, 47265, 52205, 57489,
                  63163, 75706, 90025, 106382, 125133]  # fmt: skip
    tables = pay_tables()
    for grade, old in enumerate(step1_2025, start=1):
        assert tables.base_rate(grade, 1) == round(old * 1.01), grade


def test_every_group_has_a_known_source_a_real_date_and_a_check_record():
    tables = pay_tables()
    assert set(tables.groups) >= {"gs_base", "localities", "gs_cap", "ses_range", "leave", "fers"}
    for key, group in tables.groups.items():
        assert group.source in tables.sources, key
        assert as_of_end(group.as_of), key
        assert group.verified.status in {"verified", "partly verified", "unverified"}, key
        if group.verified.checked:
            assert group.verified.what and group.verified.where and group.verified.on, key
    # What could not be fully checked says so.
    assert tables.groups["localities"].verified.status == "partly verified"
    assert tables.groups["executive_schedule"].verified.status == "partly verified"


# Broken content ----------------------------------------------------------------------------
@pytest.fixture
def broken(monkeypatch):
    """Serve an edited copy of the pay file to pay_tables(); restore the real one after."""
    data = copy.deepcopy(resources.load_json(PAY_FILE))

    def fake_load_json(name: str) -> dict:
        return data if name == PAY_FILE else resources.load_json(name)

    monkeypatch.setattr(pay_module, "load_json", fake_load_json)
    pay_tables.cache_clear()
    yield data
    monkeypatch.undo()
    pay_tables.cache_clear()
    assert pay_tables().cap == 197200


def _steps_fall(d):
    d["gs_base"]["rates"]["13"][4] = d["gs_base"]["rates"]["13"][3]


def _grade_below(d):
    d["gs_base"]["rates"]["14"][0] = 90000


def _range_upside_down(d):
    d["ses_range"]["minimum"] = 230000


def _implausible_locality(d):
    d["localities"]["areas"][3]["percent"] = 85


def _percent_over_100(d):
    d["localities"]["areas"][3]["percent"] = 150


def _no_verified(d):
    del d["gs_cap"]["verified"]


def _unknown_source(d):
    d["fers"]["source"] = "hearsay"


def _cap_not_ex4(d):
    d["gs_cap"]["amount"] = 195000


def _duplicate_code(d):
    d["localities"]["areas"][5]["code"] = "DCB"


def _missing_step(d):
    d["gs_base"]["rates"]["7"].pop()


def _bad_date(d):
    d["leave"]["as_of"] = "2026-02-30"


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        (_steps_fall, ["gs_base/rates/13/4", "step 5"]),
        (_grade_below, ["gs_base/rates/14/0"]),
        (_range_upside_down, ["ses_range"]),
        (_implausible_locality, ["localities/areas/3/percent", "85"]),
        (_percent_over_100, ["localities/areas/3/percent"]),
        (_no_verified, ["gs_cap", "verified"]),
        (_unknown_source, ["fers", "hearsay"]),
        (_cap_not_ex4, ["gs_cap/amount", "level IV"]),
        (_duplicate_code, ["localities/areas", "twice"]),
        (_missing_step, ["gs_base/rates/7"]),
        (_bad_date, ["leave/as_of"]),
    ],
)
def test_broken_pay_file_raises_content_error_naming_the_place(broken, breakage, named):
    breakage(broken)
    with pytest.raises(ContentError) as info:
        pay_tables()
    message = str(info.value)
    assert "\n" not in message and PAY_FILE in message
    for text in named:
        assert text in message
