"""Reading a need typed in words: every field, each with the words that gave it; who is
served told apart from who is wanted; a field nobody on file works in said as such."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from matching.lexicon import SECTORS, Entry, Lexicon
from matching.load import LoadFigures
from matching.partners import Partners, build_partners
from matching.ranker import Need, Weights, rank
from matching.understand import (
    NeedReading,
    apply_reading,
    engagement_type,
    field_gap,
    read_dates,
    read_kinds,
    read_need,
    stored_need,
)

REGIONS = Lexicon((
    Entry("High Desert", "", ("Red Mesa", "Sierra Alta", "Juniper Flats")),
    Entry("North Coast", "", ("Port Alder", "Cape Lark", "Harbor Point")),
    Entry("Central Valley", "", ("Fairhaven", "Delta Springs")),
))  # fmt: skip
TODAY = date(2026, 12, 7)


def read(text: str) -> NeedReading:
    return read_need(text, sectors=SECTORS, regions=REGIONS, today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hospital job shadows for health-science juniors", "job_shadow"),
        ("Students want to shadow a line technician for a day", "job_shadow"),
        ("Paid summer internships for mechatronics students", "internship_host"),
        ("cnc machinist internshps river valley - hs seniors", "internship_host"),
        ("We need a summer externship for our teachers at a plant", "teacher_externship"),
        ("Phlebotomy externship sites for our seniors", "work_based_learning"),
        ("CNA students need clinical hours", "work_based_learning"),
        ("dental assisting wbl - rural high desert", "work_based_learning"),
        ("Our ADN cohort needs preceptors for their capstone", "work_based_learning"),
        ("Sponsors for a registered apprenticeship in HVAC", "apprenticeship"),
        ("Two seats on our nursing advisory board", "advisory_board"),
        ("Someone to review our cybersecurity curriculum", "curriculum_review"),
        ("someone from the industry to look over the new course outline", "curriculum_review"),
        ("Guest speakers on public safety careers", "guest_instruction"),
        ("Welding instructors to judge the regional SkillsUSA contest", "guest_instruction"),
        ("Software developers to mentor the app club", "mentoring"),
        ("Donated CNC machines for the machining lab", "equipment"),
        ("police ride-alongs for criminal justice students", "job_shadow"),
    ],
)
def test_the_type_is_read_from_the_words_that_name_it(text: str, expected: str) -> None:
    found = engagement_type(text)
    assert found is not None
    assert found[0].value == expected


def test_heavy_equipment_is_a_trade_not_a_donation() -> None:
    found = engagement_type("diesel / heavy equipment mechanic WBL placement Port Alder")
    assert found is not None
    assert found[0].value == "work_based_learning"


@pytest.mark.parametrize(
    ("text", "wanted", "served"),
    [
        ("paid accounting internship for community college students", [],
         ["community college students"]),
        ("Our district needs a college to design a cybersecurity certificate", ["college"],
         ["district"]),
        ("I run the nursing program at a rural community college. Our cohort needs a hospital "
         "for preceptors.", ["employer"], ["community college"]),
        ("About a dozen of our district juniors want to shadow at an assisted living facility",
         ["employer"], ["district juniors"]),
        ("We just don't have employers willing to pay teenagers. Is there a workforce board "
         "that runs summer jobs?", ["intermediary"], []),
        ("HR lead at a general contractor. We'd like a partnership with a school district.",
         ["district"], ["contractor"]),
        ("solar speaker for the energy academy at Sierra Alta USD", [], ["USD"]),
        # Who is asked to gather partners is an intermediary; the employers gathered are not.
        ("who lines up business people as classroom speakers around juniper flats?",
         ["intermediary"], []),
        ("Who in the valley keeps track of hospital hiring and could bring healthcare employers "
         "to the table?", ["intermediary"], []),
        ("I'm not looking for one employer so much as someone who already places young people "
         "with employers and covers wages.", ["intermediary"], []),
        # The sentence that asks decides over one that only mentions partners.
        ("The solar employers around Red Mesa tell me they can't hire techs. I'd like to find "
         "a college in the High Desert to build a certificate.", ["college"], []),
        # An event or pathway of a kind is who is served.
        ("speaker from the offshore wind project for middle school career day", [],
         ["middle school career day"]),
        ("an advisory board that would serve the high school engineering pathways", [],
         ["high school engineering pathways"]),
        # Shorthand for kinds, as typed in a hurry.
        ("civil eng tech interns, state highway dept, surveying", ["agency"], []),
        ("Is there a trade school nearby that could run an evening welding section?",
         ["college"], []),
        ("mfg industry assoc to review state machining/welding standards", ["intermediary"], []),
        ("ABET EE program to cosponsor grid capstone, 4yr univ", ["college"], []),
        ("a county public health department in Lincoln for summer interns", ["agency"], []),
        # Where the students already learn is not who is wanted.
        ("Three of our adults are completing the welding course at the community college "
         "and need a paid summer placement on a real crew", [], ["community college"]),
        # A sentence opening on the asker's role names the asker.
        ("high school CTE coordinator, fairhaven. hoping someone from a dairy could come "
         "talk to the ag kids", [], ["high school"]),
        ("District CTE director here: we want an employer panel on hiring", ["employer"],
         ["District"]),
        ("I chair CTE at a high school in Riverbend and want a community college instructor "
         "to review our PLC course", ["college"], ["high school"]),
        # "around here" is not "X here" introducing the asker.
        ("We run a cabinet shop. Which high school around here has a woodworking class we "
         "could take interns from?", ["district"], ["shop"]),
        # A kind said to be missing or not finished is not wanted.
        ("My students didn't finish high school; looking for a program that pays them to "
         "learn a trade", [], []),
        ("We want an industry body, not one company, to review the standards",
         ["intermediary"], []),
    ],
)  # fmt: skip
def test_the_partner_wanted_is_told_from_who_is_served_or_asks(
    text: str, wanted: list[str], served: list[str]
) -> None:
    kinds, said = read_kinds(text)
    assert [k.value for k, _ in kinds] == wanted
    assert said == served


def test_every_field_is_read_with_the_words_that_gave_it() -> None:
    r = read("a vet clinic that can host two FFA students for job shadows near Fairhaven, "
             "4 hrs each, starting March 2027")  # fmt: skip
    assert (r.engagement_type.value, r.engagement_type.words) == ("job_shadow", "job shadows")  # type: ignore[union-attr]
    assert [(k.value, k.words) for k in r.partner_kinds] == [("employer", "clinic")]
    assert not r.kinds_assumed
    # The veterinary field, not agriculture: "FFA" only says who the students are.
    assert [s.value for s in r.sectors] == ["animal_science"]
    assert (r.region.value, r.region.words) == ("Central Valley", "Fairhaven")  # type: ignore[union-attr]
    assert r.region_required
    assert r.hours is not None
    assert r.hours.value == 4.0
    assert r.starts_on is not None
    assert r.starts_on.value == date(2027, 3, 1)
    assert "region read: Central Valley (“Fairhaven”)" in r.said


def test_nothing_named_is_assumed_and_said_and_a_remote_ask_keeps_its_region_open() -> None:
    r = read("virtual mentors for Port Alder seniors interested in software")
    assert r.kinds_assumed
    assert [k.value for k in r.partner_kinds] == ["employer"]
    assert any("as no other kind of partner is named" in s for s in r.said)
    # "Port Alder" is a place, not a port: the field is software alone.
    assert [s.value for s in r.sectors] == ["information_technology"]
    assert r.region is not None
    assert r.remote == "virtual"
    assert not r.region_required


def test_slots_and_dates_as_recruiters_write_them() -> None:
    r = read("judges for the SkillsUSA welding contest, 3 judges, April 12")
    assert r.slots is not None
    assert r.slots.value == 3
    assert r.starts_on is not None
    assert r.starts_on.value == date(2027, 4, 12)
    start, end = read_dates("clinical rotations from January 15 through May 20, 2027", TODAY)
    assert (start.value, end.value) == (date(2027, 1, 15), date(2027, 5, 20))  # type: ignore[union-attr]
    start, end = read_dates("a summer 2027 externship", TODAY)
    assert (start.value, end.value) == (date(2027, 6, 1), date(2027, 8, 31))  # type: ignore[union-attr]
    # "may" is a verb far more often than a month.
    assert read_dates("a partner who may host interns", TODAY) == (None, None)


def _partners() -> Partners:
    rows = [  # kind, region, sectors, text
        ("employer", "Central Valley", ["agriculture"], "Orchard co-op: packing, cold storage."),
        ("employer", "High Desert", ["health_sciences"], "Hospital: surgical suite, nurses."),
        ("employer", "Central Valley", ["health_sciences"], "Assisted living, memory care, CNAs."),
        ("college", "Central Valley", ["health_sciences"], "Nursing and allied health programs."),
    ]  # fmt: skip
    n = len(rows)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return build_partners(
        ids=list(range(1, n + 1)), names=[f"P{i}" for i in range(n)],
        kinds=[r[0] for r in rows], regions=[r[1] for r in rows], sectors=[r[2] for r in rows],
        texts=[r[3] for r in rows], interest=[np.nan] * n, vectors=vectors,
        has_vector=[True] * n, figures=LoadFigures.empty(n, window_days=90),
    )  # fmt: skip


def test_a_field_nobody_on_file_works_in_is_said_with_whom_to_recruit() -> None:
    partners = _partners()
    r = read("a vet clinic near Fairhaven for job shadows")
    need = apply_reading(Need(vector=partners.vectors[0]), r, SECTORS)
    gap = field_gap(partners, need, SECTORS)
    assert gap is not None
    assert gap.sentence == (
        "no partner on file does veterinary and animal care work: recruit employers that do "
        "veterinary and animal care work in Central Valley"
    )
    # Nobody is called a good fit for it, however close their vectors read.
    found = rank(partners, replace(need, vector=partners.vectors[0]), limit=4,
                 weights=Weights(good=0.0, good_margin_words=1.0))  # fmt: skip
    assert not any(m.good for m in found)


def test_a_field_on_file_only_elsewhere_or_of_another_kind_is_said_too() -> None:
    partners = _partners()
    r = read("a hospital in Red Mesa for CNA clinical hours")  # health care, High Desert
    need = apply_reading(Need(vector=partners.vectors[1]), r, SECTORS)
    assert field_gap(partners, need, SECTORS) is None  # the High Desert hospital does it
    r = read("a hospital in Delta Springs for CNA clinical hours")
    need = apply_reading(Need(vector=partners.vectors[1]), r, SECTORS)
    assert field_gap(partners, need, SECTORS) is None  # the assisted-living employer does
    r = read("an orchard in Red Mesa for ag mechanics job shadows")
    need = apply_reading(Need(vector=partners.vectors[0]), r, SECTORS)
    gap = field_gap(partners, need, SECTORS)
    assert gap is not None
    assert gap.sentence.startswith(
        "no employers in High Desert on file do agriculture and agribusiness work (1 partner "
        "elsewhere or of another kind do)"
    )


def test_what_the_caller_states_wins_over_the_words() -> None:
    r = read("Internships at a college lab in Fairhaven")
    stated = Need(vector=None, partner_kinds=["employer"], engagement_type="mentoring",
                  sectors=["biotech"], region="High Desert")  # fmt: skip
    need = apply_reading(stated, r, SECTORS)
    assert (need.partner_kinds, need.engagement_type, need.sectors, need.region) == (
        ["employer"], "mentoring", ["biotech"], "High Desert")  # fmt: skip
    assert need.kinds_required
    assert need.region_required
    # A stored need: its sectors' terms are the field, its kinds and region are required.
    kept = stored_need(Need(vector=None, sectors=["biotech"], partner_kinds=["employer"]), SECTORS)
    assert "cell culture" in kept.field_terms["biotech"]
    assert kept.kinds_required
    assert not kept.region_required


def _close_partners(rows: list[tuple[str, str, list[str], str]]) -> tuple[Partners, np.ndarray]:
    """Partners P0, P1... of `rows` (kind, region, sectors, text) whose profiles all read as
    close to a need embedded as the first vector."""
    n = len(rows)
    vectors = np.ones((n, 4), dtype=np.float32) / 2.0
    partners = build_partners(
        ids=list(range(1, n + 1)), names=[f"P{i}" for i in range(n)],
        kinds=[r[0] for r in rows], regions=[r[1] for r in rows], sectors=[r[2] for r in rows],
        texts=[r[3] for r in rows], interest=[np.nan] * n, vectors=vectors,
        has_vector=[True] * n, figures=LoadFigures.empty(n, window_days=90),
    )  # fmt: skip
    return partners, vectors


def test_an_employer_fits_well_only_when_it_does_the_specialty_named() -> None:
    rows = [  # kind, region, sectors, text
        ("employer", "North Coast", ["construction"], "Homebuilder: framing crews, site work."),
        ("employer", "North Coast", ["construction"], "Mechanical contractor: HVAC service, "
         "furnace tune-ups, heat pumps."),
        ("college", "North Coast", ["construction"], "Building trades: carpentry, electrical."),
        ("employer", "High Desert", ["advanced_manufacturing"], "Fabrication shop: welders "
         "wanted, structural steel."),
    ]  # fmt: skip
    partners, vectors = _close_partners(rows)
    loose = Weights(good=0.0, good_margin_words=1.0)

    def good(text: str) -> set[str]:
        need = apply_reading(Need(vector=vectors[0], text=text), read(text), SECTORS)
        return {partners.names[m.index] for m in rank(partners, need, limit=4, weights=loose)
                if m.good}  # fmt: skip

    # The builder and the college work in construction but say nothing of HVAC.
    assert good("ride-alongs with residential HVAC techs in Cape Lark") == {"P1"}
    # Asked for, a college serves the whole field.
    assert good("a college on the coast to build an HVAC certificate") == {"P2"}
    # Another form of the word counts ("welding": "welders").
    assert good("welding job shadows near Red Mesa") == {"P3"}


def test_a_stored_need_fits_well_only_where_its_skills_specialty_is_done() -> None:
    """A sector on file is broad: "construction" holds homebuilders and HVAC contractors. A
    need stored with its fields and the skill "HVAC" fits well only with partners that do
    HVAC work, by their words; the homebuilder matches kind, sector and region and is weak."""
    rows = [  # kind, region, sectors, text
        ("employer", "North Coast", ["construction"], "Homebuilder: framing crews, site work."),
        ("employer", "North Coast", ["construction"], "Mechanical contractor: HVAC service, "
         "furnace tune-ups, heat pumps."),
    ]  # fmt: skip
    partners, vectors = _close_partners(rows)
    need = stored_need(Need(vector=vectors[0], partner_kinds=["employer"],
                            sectors=["construction"], region="North Coast", skills=["HVAC"],
                            text="HVAC ride-alongs"), SECTORS)  # fmt: skip
    found = rank(partners, need, limit=2, weights=Weights(good=0.0, good_margin=1.0))
    assert {partners.names[m.index]: m.good for m in found} == {"P0": False, "P1": True}
    builder = next(m for m in found if partners.names[m.index] == "P0")
    assert builder.explanation[0] == (
        "a weaker match: it meets the need's fields, but nothing on file shows it does HVAC"
    )
    # Without the skill, the sector is all the need says: both fit.
    plain = replace(need, skills=[], skill_forms={})
    found = rank(partners, plain, limit=2, weights=Weights(good=0.0, good_margin=1.0))
    assert all(m.good for m in found)


def test_a_shop_doing_the_specialty_in_other_words_fits_and_says_which() -> None:
    rows = [  # kind, region, sectors, text
        ("employer", "High Desert", ["advanced_manufacturing"], "Tool and die shop building "
         "progressive stamping dies, wire EDM and precision grinding."),
        ("employer", "High Desert", ["advanced_manufacturing"], "Fabrication shop: welders "
         "wanted, structural steel."),
        ("employer", "High Desert", ["health_sciences"], "Rural clinic with a small lab."),
    ]  # fmt: skip
    partners, vectors = _close_partners(rows)
    text = "cnc machinist apprenticeship sponsor near Red Mesa"
    need = apply_reading(Need(vector=vectors[0], text=text), read(text), SECTORS)
    assert need.skills == ["cnc", "machinist"]
    found = {partners.names[m.index]: m for m in rank(
        partners, need, limit=3,
        weights=Weights(good_words=0.0, good_margin_words=1.0))}  # fmt: skip
    # The die shop never says "CNC" or "machinist"; its work is machining all the same. The
    # welding shop works in the same field, but not in this specialty.
    assert found["P0"].good
    assert not found["P1"].good
    said = "covers 2 of 2 skills sought: cnc (as “tool and die”), machinist (as “tool and die”)"
    assert said in found["P0"].explanation
    assert "covers 0 of 2 skills sought" in found["P1"].explanation
    # A stored need's skills take the same forms.
    stored = stored_need(Need(vector=vectors[0], skills=["CNC"]), SECTORS)
    assert "tool and die" in stored.skill_forms["CNC"]


def test_a_four_year_university_asked_for_is_not_a_community_college() -> None:
    rows = [  # kind, region, sectors, text
        ("college", "North Coast", ["advanced_manufacturing"], "Community college: mechatronics "
         "AAS, welding and machining certificates."),
        ("college", "North Coast", ["advanced_manufacturing"], "State university: bachelor's "
         "degrees in engineering technology and mechanical engineering."),
    ]  # fmt: skip
    partners, vectors = _close_partners(rows)
    text = ("We need a four-year university with a bachelor's in engineering technology to sign "
            "a 2+2 agreement for our mechatronics grads.")  # fmt: skip
    reading = read(text)
    assert reading.four_year == "four-year university"
    need = apply_reading(Need(vector=vectors[0], text=text), reading, SECTORS)
    found = {partners.names[m.index]: m for m in rank(
        partners, need, limit=2,
        weights=Weights(good_words=0.0, good_margin_words=1.0))}  # fmt: skip
    assert found["P1"].good
    assert not found["P0"].good
    # A community college asked for, for students headed to a university later, is one.
    plain = read("a community college to teach welding to seniors who will transfer to a "
                 "university later")  # fmt: skip
    assert [k.value for k in plain.partner_kinds] == ["college"]
    assert plain.four_year is None
