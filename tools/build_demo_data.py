"""Build the demo data set for Partner Match and write it to ``app/demo/data.json``.

A tool for whoever changes the demo story, kept out of the installed package: the service
ships only the JSON it writes (a test checks that this script still writes it byte for byte).

Everything a person would write by hand lives below as literal data: the partner
organizations, their contacts, the intake interviews, the needs (participant profiles), the
temperature-check comments and the agreements. The year of engagement history, the ordinary
partners' temperature checks and the CRM ids are drawn from ``random.Random(2026)``, so every
run writes the same bytes.

The story the data tells: a handful of "heavy hitters" (the big hospital system, the largest
manufacturer, the big IT employer, the flagship community college, the utility, the largest
general contractor and the only large biotech plant) get asked by every program, are carrying
more concurrent work than they said they could, decline more and more, and say so in their
temperature checks; smaller peers with the same skills are rarely asked at all.

All dates are relative to the day the demo is loaded: ``*_days_ago`` counts back from that day
and ``*_offset_days`` is signed (negative = past, positive = future).

Usage: ``python tools/build_demo_data.py [OUTPUT]``
"""

import json
import math
import random
import re
import string
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, TypeVar

OUTPUT = Path(__file__).resolve().parents[1] / "app" / "demo" / "data.json"
SEED = 2026
HISTORY_DAYS = 365

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

CAP = "Capital Region"
NCO = "North Coast"
CVA = "Central Valley"
RVA = "River Valley"
HDE = "High Desert"
REGIONS = (CAP, NCO, CVA, RVA, HDE)

KINDS = ("employer", "college", "district", "intermediary", "agency", "community_org")
SECTORS = (
    "advanced_manufacturing",
    "health_sciences",
    "information_technology",
    "construction",
    "energy",
    "biotech",
    "agriculture",
    "transportation_logistics",
    "education",
    "public_service",
    "finance",
)
ENGAGEMENT_TYPES = (
    "internship_host",
    "job_shadow",
    "work_based_learning",
    "apprenticeship",
    "teacher_externship",
    "curriculum_review",
    "advisory_board",
    "guest_instruction",
    "mentoring",
    "equipment",
    "other",
)

# --------------------------------------------------------------------------------------------
# Output records (the exact shape the loader in app/demo/loader.py reads)
# --------------------------------------------------------------------------------------------


class OrganizationRecord(TypedDict):
    key: str
    external_id: str | None
    name: str
    kind: str
    sectors: list[str]
    region: str
    description: str
    website: str | None


class ContactRecord(TypedDict):
    key: str
    organization: str
    external_id: str | None
    name: str
    email: str
    title: str
    skills: list[str]


class InterviewRecord(TypedDict):
    organization: str
    contact: str | None
    conducted_days_ago: int
    business_summary: str
    role_and_skills: str
    interest_level: int
    capacity_hours_per_month: float
    max_concurrent_engagements: int
    engagement_types: list[str]
    notes: str | None


class NeedRecord(TypedDict):
    key: str
    external_id: str | None
    title: str
    description: str
    expertise_sought: str
    skills: list[str]
    partner_kinds: list[str]
    sectors: list[str]
    region: str | None
    engagement_type: str
    hours_per_partner: float
    slots: int
    starts_offset_days: int | None
    ends_offset_days: int | None
    status: str
    program: str


class EngagementRecord(TypedDict):
    organization: str
    contact: str | None
    need: str | None
    program: str
    engagement_type: str
    status: str
    asked_days_ago: int
    responded_days_ago: int | None
    starts_offset_days: int | None
    ends_offset_days: int | None
    hours_estimated: float
    hours_actual: float | None
    students_served: int | None
    hires: int | None
    credentials_earned: int | None
    outcome_note: str | None


class TemperatureCheckRecord(TypedDict):
    organization: str
    contact: str | None
    checked_days_ago: int
    satisfaction: int
    comment: str | None


class AgreementRecord(TypedDict):
    organization: str
    need: str | None
    roles: str
    responsibilities: str
    starts_offset_days: int
    ends_offset_days: int
    status: str


class ProgramRecord(TypedDict):
    name: str
    organization: str | None  # the key of the organization running it
    region: str | None
    # School years back from the loading day's ("0": this one) -> engagement type -> goal.
    goals_years_ago: dict[str, dict[str, dict[str, int]]]


class HoldRecord(TypedDict):
    organization: str
    starts_days_ago: int
    until_offset_days: int  # from the day of loading: negative for a hold already over
    reason: str
    source: str
    lifted_days_ago: int | None
    lifted_by: str | None


class VocabularyRecord(TypedDict):
    value: str
    description: str
    terms: list[str]


class DemoData(TypedDict):
    organizations: list[OrganizationRecord]
    programs: list[ProgramRecord]
    contacts: list[ContactRecord]
    interviews: list[InterviewRecord]
    needs: list[NeedRecord]
    engagements: list[EngagementRecord]
    temperature_checks: list[TemperatureCheckRecord]
    agreements: list[AgreementRecord]
    holds: list[HoldRecord]
    vocabularies: dict[str, list[VocabularyRecord]]


# --------------------------------------------------------------------------------------------
# Literal data: shapes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    kind: str
    sectors: tuple[str, ...]
    region: str
    domain: str
    has_website: bool
    description: str


@dataclass(frozen=True)
class Contact:
    organization: str
    name: str
    email: str
    title: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class Interview:
    organization: str
    contact: str | None  # the contact's name, resolved to its key
    days_ago: int
    business_summary: str
    role_and_skills: str
    interest: int
    capacity: float
    max_concurrent: int
    types: tuple[str, ...]
    notes: str | None


@dataclass(frozen=True)
class Program:
    name: str
    owner: str | None  # the organization running it; it is never asked by its own program
    region: str | None  # None = statewide
    sectors: tuple[str, ...]  # empty = any sector
    kinds: tuple[str, ...]  # kinds of partner it asks
    types: tuple[str, ...]  # engagement types it typically asks for


@dataclass(frozen=True)
class Need:
    key: str
    program: str
    title: str
    description: str
    expertise: str
    skills: tuple[str, ...]
    kinds: tuple[str, ...]
    sectors: tuple[str, ...]
    region: str | None
    engagement_type: str
    hours: float
    slots: int
    starts: int | None
    ends: int | None
    status: str


@dataclass(frozen=True)
class Agreement:
    organization: str
    need: str | None
    roles: str
    responsibilities: str
    starts: int
    ends: int
    status: str


# --------------------------------------------------------------------------------------------
# Programs: who asks. Every engagement and need names one of these.
# --------------------------------------------------------------------------------------------

P_MECHATRONICS = "Riverbend CC Mechatronics Pathway"
P_HEALTH = "Lincoln USD Health Academy"
P_EXTERNSHIP = "Capital Region Teacher Externship Initiative"
P_TRADES = "Harbor Point USD Building Trades Academy"
P_NURSING = "Sierra Alta College Nursing & Allied Health"
P_CYBER = "Central Valley Cyber Pathways Consortium"
P_CLEAN_ENERGY = "Statewide Clean Energy Apprenticeship Network"
P_BIOTECH = "Delta Springs USD Biotech Academy"
P_YOUTH = "North Coast Youth Apprenticeship Program"
P_WELDING = "High Desert Career Center Welding & Fabrication"
P_SOFTWARE = "Carver City Schools Software Academy"
P_SUMMER = "River Valley Summer Earn & Learn"
P_STATE = "State CTE Curriculum Alignment Project"

PROGRAMS: tuple[Program, ...] = (
    Program(
        P_MECHATRONICS,
        "riverbend-cc",
        RVA,
        ("advanced_manufacturing", "energy"),
        ("employer", "intermediary", "district"),
        (
            "internship_host",
            "job_shadow",
            "equipment",
            "advisory_board",
            "curriculum_review",
            "guest_instruction",
        ),
    ),
    Program(
        P_HEALTH,
        "lincoln-usd",
        CAP,
        ("health_sciences",),
        ("employer", "college", "community_org"),
        (
            "job_shadow",
            "guest_instruction",
            "mentoring",
            "work_based_learning",
            "curriculum_review",
        ),
    ),
    Program(
        P_EXTERNSHIP,
        "capital-wdb",
        CAP,
        (),
        ("employer", "agency"),
        ("teacher_externship", "guest_instruction", "other"),
    ),
    Program(
        P_TRADES,
        "harbor-point-usd",
        NCO,
        ("construction", "energy"),
        ("employer", "college", "community_org", "intermediary"),
        (
            "job_shadow",
            "work_based_learning",
            "guest_instruction",
            "equipment",
            "advisory_board",
            "apprenticeship",
        ),
    ),
    Program(
        P_NURSING,
        "sierra-alta-college",
        HDE,
        ("health_sciences",),
        ("employer", "intermediary"),
        ("work_based_learning", "internship_host", "advisory_board", "equipment", "mentoring"),
    ),
    Program(
        P_CYBER,
        None,
        CVA,
        ("information_technology", "finance"),
        ("employer", "college", "agency"),
        (
            "internship_host",
            "mentoring",
            "guest_instruction",
            "curriculum_review",
            "advisory_board",
        ),
    ),
    Program(
        P_CLEAN_ENERGY,
        None,
        None,
        ("energy", "construction", "advanced_manufacturing"),
        ("employer", "college", "intermediary"),
        ("apprenticeship", "curriculum_review", "advisory_board", "equipment"),
    ),
    Program(
        P_BIOTECH,
        "delta-springs-usd",
        CVA,
        ("biotech", "health_sciences", "agriculture"),
        ("employer", "college"),
        ("internship_host", "job_shadow", "guest_instruction", "equipment", "mentoring"),
    ),
    Program(
        P_YOUTH,
        "north-coast-edc",
        NCO,
        (),
        ("employer", "agency", "intermediary"),
        ("apprenticeship", "work_based_learning", "mentoring", "other"),
    ),
    Program(
        P_WELDING,
        "sierra-alta-usd",
        HDE,
        ("advanced_manufacturing", "construction", "energy"),
        ("employer", "college"),
        ("job_shadow", "equipment", "guest_instruction", "curriculum_review", "internship_host"),
    ),
    Program(
        P_SOFTWARE,
        "carver-city-schools",
        CAP,
        ("information_technology", "finance"),
        ("employer", "college", "community_org"),
        ("mentoring", "guest_instruction", "internship_host", "job_shadow", "curriculum_review"),
    ),
    Program(
        P_SUMMER,
        "rv-workforce",
        RVA,
        (),
        ("employer", "agency", "community_org"),
        ("internship_host", "work_based_learning", "job_shadow", "other"),
    ),
    Program(
        P_STATE,
        None,
        None,
        (),
        ("employer", "college", "intermediary", "district"),
        ("curriculum_review", "advisory_board", "other"),
    ),
)

# This school year's goals (engagements, students), per program and engagement type: a mix of
# goals already reached, on pace and behind for a year a third to a half gone.
GOALS: dict[str, dict[str, tuple[int, int]]] = {
    P_MECHATRONICS: {"internship_host": (8, 6), "advisory_board": (3, 0), "equipment": (4, 0)},
    P_HEALTH: {"job_shadow": (10, 200), "work_based_learning": (4, 8), "curriculum_review": (2, 0)},
    P_EXTERNSHIP: {"teacher_externship": (8, 0)},
    P_TRADES: {"job_shadow": (8, 120), "apprenticeship": (4, 4), "guest_instruction": (4, 100)},
    P_NURSING: {"work_based_learning": (6, 24), "equipment": (2, 0)},
    P_CYBER: {"curriculum_review": (8, 0), "internship_host": (6, 6)},
    P_CLEAN_ENERGY: {"apprenticeship": (6, 6), "curriculum_review": (4, 0)},
    P_BIOTECH: {"internship_host": (8, 8), "equipment": (6, 30)},
    P_YOUTH: {"mentoring": (10, 20), "apprenticeship": (2, 2)},
    P_WELDING: {"internship_host": (4, 4), "guest_instruction": (3, 90)},
    P_SOFTWARE: {"mentoring": (6, 12), "work_based_learning": (6, 18)},
    P_SUMMER: {"internship_host": (12, 12), "job_shadow": (4, 40)},
    P_STATE: {"curriculum_review": (8, 0), "advisory_board": (6, 0)},
}

# --------------------------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------------------------

ORGANIZATIONS: tuple[Org, ...] = (
    # Capital Region ------------------------------------------------------------------------
    Org(
        "meridian-health",
        "Meridian Health System",
        "employer",
        ("health_sciences",),
        CAP,
        "meridianhealth.org",
        True,
        "The largest hospital network in the state, Meridian runs four acute-care hospitals and "
        "more than thirty outpatient clinics anchored by its Level I trauma center in Lincoln. "
        "Nearly every health pathway in the Capital Region counts on its nurses and imaging techs "
        "for shadow days and clinical rotations. Its education office is small relative to the "
        "demand it fields.",
    ),
    Org(
        "kestrel-cloud",
        "Kestrel Cloud Systems",
        "employer",
        ("information_technology",),
        CAP,
        "kestrelcloud.com",
        True,
        "Kestrel builds and operates hosting and managed-security services for state agencies, "
        "hospitals and mid-sized retailers. About 900 of its 1,400 employees work out of the "
        "Ashby campus, which makes it the default call for anyone running a cybersecurity or "
        "networking pathway.",
    ),
    Org(
        "praxis-motion",
        "Praxis Motion Controls",
        "employer",
        ("advanced_manufacturing",),
        CAP,
        "praxismotion.com",
        True,
        "Servo drives, motion controllers and the firmware behind them. Praxis designs in Carver "
        "City and assembles in a 60,000-square-foot plant next door. Its engineers have quietly "
        "coached the Lincoln High robotics team for six seasons.",
    ),
    Org(
        "civic-stack",
        "Civic Stack Consulting",
        "employer",
        ("information_technology", "public_service"),
        CAP,
        "civicstack.io",
        True,
        "A 45-person digital services firm that rebuilds benefits portals and permitting systems "
        "for cities and counties. Staff work mostly remotely but meet in Lincoln twice a week, "
        "and they enjoy putting students to work on accessibility testing.",
    ),
    Org(
        "cellvane-dx",
        "Cellvane Diagnostics",
        "employer",
        ("biotech", "health_sciences"),
        CAP,
        "cellvane.com",
        True,
        "Cellvane develops rapid molecular assays for respiratory and sexually transmitted "
        "infections and runs a CLIA-certified reference lab on the east side of Lincoln. Growth "
        "since 2021 has been steep; the lab hires medical laboratory technicians faster than "
        "local programs graduate them.",
    ),
    Org(
        "capitol-glazing",
        "Capitol Glass & Glazing",
        "employer",
        ("construction",),
        CAP,
        "capitolglazing.com",
        True,
        "Family-owned since 1978. Curtain wall, storefront and skylight work on commercial "
        "buildings across the Capital Region, installed by a crew of about seventy union "
        "glaziers.",
    ),
    Org(
        "lindenwood-peds",
        "Lindenwood Pediatric Partners",
        "employer",
        ("health_sciences",),
        CAP,
        "lindenwoodpeds.com",
        False,
        "Nine pediatricians, four nurse practitioners and a busy front office spread over two "
        "clinics in Ashby and Carver City. The practice trains its own medical assistants and has "
        "taken a handful of high-school interns over the years.",
    ),
    Org(
        "brightfield-energy",
        "Brightfield Energy Services",
        "employer",
        ("energy", "construction"),
        CAP,
        "brightfieldenergy.com",
        True,
        "Brightfield retrofits schools, hospitals and municipal buildings with heat pumps, LED "
        "lighting and building controls, usually under performance contracts. Its field "
        "technicians need both electrical and HVAC fundamentals — a combination, the company "
        "says, that local programs rarely teach together.",
    ),
    Org(
        "capital-city-college",
        "Capital City College",
        "college",
        ("health_sciences", "information_technology", "public_service", "education"),
        CAP,
        "capcity.edu",
        True,
        "The Capital Region's largest community college enrolls roughly 22,000 students a term. "
        "It is strong in nursing, paralegal studies and network administration, and its "
        "dual-enrollment office works with every district within forty miles.",
    ),
    Org(
        "lincoln-usd",
        "Lincoln Unified School District",
        "district",
        ("education",),
        CAP,
        "lincolnusd.org",
        True,
        "Lincoln Unified serves 31,000 students in the capital city. Four high-school career "
        "academies — health, engineering, public service and digital media — are the district's "
        "flagship CTE effort, and every one of them depends on outside partners for work-based "
        "learning.",
    ),
    Org(
        "carver-city-schools",
        "Carver City Schools",
        "district",
        ("education",),
        CAP,
        "carvercityschools.org",
        True,
        "A fast-growing suburban district of about 12,000 students. Carver City opened its "
        "Software Academy in 2022 and is still building the employer network to match it.",
    ),
    Org(
        "capital-wdb",
        "Capital Region Workforce Development Board",
        "intermediary",
        ("public_service", "education"),
        CAP,
        "capitalregionworks.org",
        True,
        "The local workforce board for a three-county area. It administers federal training "
        "dollars, convenes employers by sector and runs the region's teacher externship "
        "initiative; for a district looking for industry contacts it is usually the first stop.",
    ),
    Org(
        "state-mfg-alliance",
        "Statewide Manufacturers Alliance",
        "intermediary",
        ("advanced_manufacturing",),
        CAP,
        "mfgalliance.org",
        True,
        "An industry association of about 400 member firms, headquartered a few blocks from the "
        "capitol. Besides lobbying, it runs a skills committee that reviews manufacturing "
        "curricula and publishes an annual wage and hiring survey.",
    ),
    Org(
        "women-in-trades",
        "Women Build Trades Collective",
        "community_org",
        ("construction",),
        CAP,
        "womenbuildtrades.org",
        True,
        "Pre-apprenticeship classes and peer support for women and nonbinary people entering the "
        "building trades. The volunteers are working journeywomen who can tell students what the "
        "first year on a jobsite is really like.",
    ),
    # North Coast ---------------------------------------------------------------------------
    Org(
        "tidewater-construction",
        "Tidewater Construction Group",
        "employer",
        ("construction",),
        NCO,
        "tidewatercg.com",
        True,
        "Tidewater is the general contractor behind most large public projects on the North "
        "Coast: the Harbor Point hospital expansion, two new high schools, the Cape Lark seawall. "
        "It self-performs concrete and carpentry with about 600 craft workers and sits on every "
        "trades advisory board between Port Alder and the state line.",
    ),
    Org(
        "st-brendan-hospital",
        "St. Brendan Community Hospital",
        "employer",
        ("health_sciences",),
        NCO,
        "stbrendan.org",
        True,
        "A 120-bed nonprofit hospital in Port Alder with a chronic shortage of respiratory "
        "therapists and surgical techs. Smaller than the capital's systems, it tends to say yes "
        "to students, and its nurse educators know most local health teachers by name.",
    ),
    Org(
        "port-alder-networks",
        "Port Alder Networks",
        "employer",
        ("information_technology",),
        NCO,
        "portaldernet.com",
        True,
        "Regional fiber and fixed-wireless internet provider. Its network operations center and "
        "field install crews cover six coastal counties, in many of which it is the only "
        "broadband option.",
    ),
    Org(
        "harbor-marine-fab",
        "Harbor Point Marine Fabrication",
        "employer",
        ("advanced_manufacturing", "transportation_logistics"),
        NCO,
        "harborpointmarine.com",
        True,
        "Builds and repairs aluminum workboats, fireboats and research vessels. Welders and "
        "marine electricians make up most of the 140-person workforce, and the yard has been "
        "trying to hire apprentices locally instead of recruiting from out of state.",
    ),
    Org(
        "saltmarsh-bio",
        "Saltmarsh Marine Biotech",
        "employer",
        ("biotech",),
        NCO,
        "saltmarshbio.com",
        True,
        "Eighteen people, half of them in the lab, extracting enzymes and natural pigments from "
        "cultivated algae. Customers are cosmetics and food manufacturers.",
    ),
    Org(
        "coastal-wind",
        "North Coast Offshore Wind Partners",
        "employer",
        ("energy",),
        NCO,
        "ncwindpartners.com",
        True,
        "A joint venture developing the state's first floating offshore wind lease, with port "
        "staging planned in Port Alder. Construction is years out, so today the company is mostly "
        "engineers, permitting specialists and community liaisons. It is already worried about "
        "the technician pipeline it will need.",
    ),
    Org(
        "blue-heron-homes",
        "Blue Heron Homes",
        "employer",
        ("construction",),
        NCO,
        "blueheronhomes.com",
        True,
        "Residential builder putting up sixty to eighty homes a year, many of them workforce "
        "housing in Cape Lark and Harbor Point. It subcontracts most trades but keeps its own "
        "framing crews and site supervisors.",
    ),
    Org(
        "north-coast-cc",
        "North Coast Community College",
        "college",
        ("health_sciences", "construction", "energy", "education"),
        NCO,
        "northcoast.edu",
        True,
        "Three campuses strung along 150 miles of coastline make scheduling anything in person a "
        "real puzzle for North Coast CC. Alongside a respected LVN program it offers wind "
        "technician and construction management certificates.",
    ),
    Org(
        "port-alder-tech",
        "Port Alder College of Applied Technology",
        "college",
        ("advanced_manufacturing", "transportation_logistics", "information_technology"),
        NCO,
        "pact.edu",
        True,
        "Short, stackable credentials in welding, diesel technology, marine systems and IT "
        "support. Most students work while they study, so classes run early mornings and "
        "evenings.",
    ),
    Org(
        "harbor-point-usd",
        "Harbor Point Unified School District",
        "district",
        ("education",),
        NCO,
        "hpusd.org",
        True,
        "Harbor Point Unified enrolls about 9,500 students. Its Building Trades Academy, housed "
        "in a refurbished cannery at the edge of the harbor, is the district's best-known program "
        "and keeps a waiting list.",
    ),
    Org(
        "port-alder-sd",
        "Port Alder School District",
        "district",
        ("education",),
        NCO,
        "portalderschools.org",
        False,
        "Small and rural: one comprehensive high school, two middle schools and a continuation "
        "school. CTE offerings stop at agriculture, culinary arts and an introductory IT course.",
    ),
    Org(
        "north-coast-edc",
        "North Coast Economic Development Council",
        "intermediary",
        ("public_service",),
        NCO,
        "northcoastedc.org",
        True,
        "Funded by six counties and a dozen major employers, the council works on business "
        "attraction and small-business lending. It also runs the North Coast Youth Apprenticeship "
        "Program and keeps the most complete employer contact list on the coast.",
    ),
    Org(
        "port-alder-harbor",
        "Port Alder Harbor Authority",
        "agency",
        ("transportation_logistics", "public_service"),
        NCO,
        "portalderharbor.gov",
        True,
        "The public agency that operates the Port Alder container terminal, the fishing docks and "
        "the small-boat harbor. It employs longshore supervisors, heavy-equipment mechanics and "
        "GIS staff, and it would handle staging for any offshore wind build-out.",
    ),
    # Central Valley ------------------------------------------------------------------------
    Org(
        "sunridge-power",
        "Sunridge Power & Light",
        "employer",
        ("energy",),
        CVA,
        "sunridgepower.com",
        True,
        "The investor-owned utility serving 1.8 million customers across the Central Valley and "
        "much of the High Desert. It employs lineworkers, substation technicians and grid "
        "engineers by the thousand, and its lineworker apprenticeship is the one every energy "
        "program in the state wants to feed.",
    ),
    Org(
        "larkspur-bio",
        "Larkspur Biologics",
        "employer",
        ("biotech", "advanced_manufacturing"),
        CVA,
        "larkspurbio.com",
        True,
        "Larkspur makes monoclonal antibodies under contract for drug developers in a GMP plant "
        "that opened in Delta Springs in 2019. Biomanufacturing technicians are its biggest "
        "hiring need. It is also the only large biotech employer within a two-hour drive of the "
        "valley's high schools.",
    ),
    Org(
        "tule-creek-genomics",
        "Tule Creek AgriGenomics",
        "employer",
        ("biotech", "agriculture"),
        CVA,
        "tulecreekgenomics.com",
        True,
        "Breeds drought-tolerant almond and pistachio rootstocks using marker-assisted selection. "
        "Mostly plant scientists and greenhouse technicians, plus a small bioinformatics group.",
    ),
    Org(
        "valley-oak-senior",
        "Valley Oak Senior Living",
        "employer",
        ("health_sciences",),
        CVA,
        "valleyoakliving.com",
        True,
        "Four assisted-living and memory-care communities in Fairhaven and Delta Springs. "
        "Certified nursing assistants are the backbone of the staff, and turnover is a constant "
        "worry.",
    ),
    Org(
        "delta-packaging",
        "Delta Packaging Company",
        "employer",
        ("advanced_manufacturing", "agriculture"),
        CVA,
        "deltapack.com",
        True,
        "Corrugated boxes and molded-fiber trays for the valley's fruit and nut packers, produced "
        "around the clock during harvest. Maintenance mechanics who can troubleshoot high-speed "
        "converting lines are the hardest people to find.",
    ),
    Org(
        "ruiz-electric",
        "Ruiz & Daughters Electrical Contractors",
        "employer",
        ("construction", "energy"),
        CVA,
        "ruizelectric.com",
        True,
        "Founded in 1994 by an IBEW electrician and now run by two of his daughters. Commercial "
        "and agricultural electrical work, a growing solar-and-storage practice, and a habit of "
        "hiring the students who impress them on site visits.",
    ),
    Org(
        "valleyline-cu",
        "Valleyline Credit Union",
        "employer",
        ("finance", "information_technology"),
        CVA,
        "valleyline.org",
        True,
        "Member-owned, with 23 branches and a small but busy IT and fraud-analytics department in "
        "Fairhaven.",
    ),
    Org(
        "cv-biogas",
        "Central Valley Biogas Cooperative",
        "employer",
        ("energy", "agriculture"),
        CVA,
        "cvbiogas.coop",
        False,
        "Dairy farmers who pooled their manure digesters into one cooperative to sell renewable "
        "natural gas. The operation is small — a dozen technicians and one engineer — and no "
        "school has ever approached it.",
    ),
    Org(
        "fairhaven-orchards",
        "Fairhaven Orchards Cooperative",
        "employer",
        ("agriculture", "transportation_logistics"),
        CVA,
        "fairhavenorchards.com",
        False,
        "Packing, cold storage and shipping for roughly 140 grower-members. Seasonal work "
        "dominates, though the co-op keeps a year-round crew of refrigeration mechanics and "
        "logistics coordinators.",
    ),
    Org(
        "delta-springs-tech",
        "Delta Springs Technical College",
        "college",
        ("information_technology", "biotech", "advanced_manufacturing", "education"),
        CVA,
        "dstc.edu",
        True,
        "Delta Springs Tech grew out of a 1960s vocational school and still feels like one, in "
        "the best sense: small classes, instructors from industry, shops that stay open until ten "
        "at night. It hosts the Central Valley Cyber Pathways Consortium and a biomanufacturing "
        "certificate built with Larkspur.",
    ),
    Org(
        "fairhaven-cc",
        "Fairhaven Community College",
        "college",
        ("agriculture", "health_sciences", "education"),
        CVA,
        "fairhaven.edu",
        True,
        "Known across the state for agriculture and allied health. Its 2,000-acre teaching farm "
        "doubles as a research site for several agribusinesses.",
    ),
    Org(
        "delta-springs-usd",
        "Delta Springs Unified School District",
        "district",
        ("education",),
        CVA,
        "dsusd.org",
        True,
        "About 18,000 students, two-thirds of them from farmworker families. The district's "
        "Biotech Academy began in a single portable classroom and now fills a new STEM building.",
    ),
    Org(
        "fairhaven-jusd",
        "Fairhaven Joint Unified School District",
        "district",
        ("education",),
        CVA,
        "fairhavenjusd.org",
        True,
        "A joint district spanning two counties, with long bus routes and one of the largest FFA "
        "chapters in the state. CTE leans on agriculture mechanics and a new health careers "
        "course.",
    ),
    Org(
        "cv-health-collab",
        "Central Valley Healthcare Workforce Collaborative",
        "intermediary",
        ("health_sciences",),
        CVA,
        "cvhealthworkforce.org",
        True,
        "Hospitals, clinics and training providers pool money here to pay clinical instructors "
        "and to track vacancy rates across the valley. The collaborative brokers clinical "
        "placements but has no clinical sites of its own.",
    ),
    Org(
        "valley-dot",
        "State Department of Transportation, Valley District",
        "agency",
        ("transportation_logistics", "construction", "public_service"),
        CVA,
        "valleydistrict-dot.gov",
        True,
        "Maintains 2,400 lane-miles of highway and the bridges over the Delta. The engineering "
        "office hires surveyors, materials testers and civil engineering technicians; the "
        "maintenance yards run on diesel mechanics.",
    ),
    # River Valley --------------------------------------------------------------------------
    Org(
        "castellan-aero",
        "Castellan Aerostructures",
        "employer",
        ("advanced_manufacturing",),
        RVA,
        "castellanaero.com",
        True,
        "With 3,200 employees in three plants in Riverbend and Keel Ferry, Castellan is the "
        "largest manufacturer in the state. It machines and assembles wing components and engine "
        "nacelles for commercial aircraft, which means a constant appetite for CNC machinists, "
        "composite technicians and quality inspectors.",
    ),
    Org(
        "riverbend-cc",
        "Riverbend Community College",
        "college",
        (
            "advanced_manufacturing",
            "health_sciences",
            "information_technology",
            "energy",
            "construction",
            "education",
        ),
        RVA,
        "riverbend.edu",
        True,
        "The flagship of the state's community colleges and the usual answer whenever someone "
        "asks who can teach something. Riverbend CC runs the Mechatronics Pathway, a nationally "
        "accredited nursing program and the state's largest apprenticeship-instruction contract. "
        "Its faculty are asked to review, advise and guest-teach far more than their contracts "
        "account for.",
    ),
    Org(
        "millbrook-tool",
        "Millbrook Tool & Die",
        "employer",
        ("advanced_manufacturing",),
        RVA,
        "millbrooktool.com",
        True,
        "Forty people, three generations of the Kowalski family, and a reputation for stamping "
        "dies nobody else in the region will quote. Millbrook supplies Castellan and would like "
        "to depend on it less.",
    ),
    Org(
        "quillen-foundry",
        "Quillen Foundry",
        "employer",
        ("advanced_manufacturing",),
        RVA,
        "quillenfoundry.com",
        False,
        "Ductile and gray iron castings, poured since 1911 on the same riverfront site. The "
        "workforce is aging: nearly a third of the molders and pattern makers could retire within "
        "five years.",
    ),
    Org(
        "orrin-bioprocess",
        "Orrin Bioprocess Services",
        "employer",
        ("biotech",),
        RVA,
        "orrinbio.com",
        True,
        "Orrin runs pilot-scale fermentation and purification for early-stage biotech startups "
        "that cannot yet afford a plant of their own. The work changes every week, so its "
        "technicians learn more equipment in a year than most learn in five.",
    ),
    Org(
        "greyfield-it",
        "Greyfield Managed IT",
        "employer",
        ("information_technology",),
        RVA,
        "greyfieldit.com",
        True,
        "Help desk, network support and backups for about 300 small businesses and rural clinics "
        "along the river. Greyfield hires almost exclusively from local certificate programs and "
        "promotes from its own help desk.",
    ),
    Org(
        "riverbend-ortho",
        "Riverbend Orthopedic & Sports Medicine",
        "employer",
        ("health_sciences",),
        RVA,
        "riverbendortho.com",
        True,
        "An independent orthopedic group with its own ambulatory surgery center, imaging suite "
        "and physical-therapy gym. It employs radiologic technologists, surgical techs and "
        "athletic trainers — the same people Meridian recruits.",
    ),
    Org(
        "keelson-civil",
        "Keelson Civil Constructors",
        "employer",
        ("construction", "transportation_logistics"),
        RVA,
        "keelsoncivil.com",
        True,
        "Bridges, levees and road reconstruction for the state and the Army Corps of Engineers. "
        "Keelson's equipment operators and survey crews often work far from home for weeks at a "
        "time.",
    ),
    Org(
        "ironwood-medical",
        "Ironwood Medical Devices",
        "employer",
        ("advanced_manufacturing", "health_sciences"),
        RVA,
        "ironwoodmed.com",
        True,
        "Contract manufacturer of orthopedic implants and surgical instruments, working under FDA "
        "quality-system rules. The 200-person plant in Millbrook combines five-axis machining "
        "with cleanroom packaging.",
    ),
    Org(
        "millbrook-tech",
        "Millbrook Technical Institute",
        "college",
        ("advanced_manufacturing", "construction", "transportation_logistics"),
        RVA,
        "millbrooktech.edu",
        True,
        "A public technical institute teaching welding, HVAC-R, diesel and industrial maintenance "
        "on a compact campus beside the interstate. Enrollment doubled after it dropped tuition "
        "for in-district students.",
    ),
    Org(
        "riverbend-ps",
        "Riverbend Public Schools",
        "district",
        ("education",),
        RVA,
        "riverbendschools.org",
        True,
        "Riverbend Public Schools serves 14,500 students and sends more graduates to Riverbend CC "
        "than any other district. Its engineering and manufacturing courses feed straight into "
        "the college's Mechatronics Pathway.",
    ),
    Org(
        "rv-workforce",
        "River Valley Workforce Board",
        "intermediary",
        ("public_service", "advanced_manufacturing"),
        RVA,
        "rvworkforce.org",
        True,
        "Oversees the job centers in four river counties and pays the wages in Summer Earn & "
        "Learn, a six-week program for 16- to 24-year-olds. Staff spend much of their time "
        "persuading employers to take on a first-time worker.",
    ),
    Org(
        "riverbend-youth-works",
        "Riverbend Youth Works",
        "community_org",
        ("public_service", "construction"),
        RVA,
        "riverbendyouthworks.org",
        True,
        "Young adults finish high school here while rehabilitating vacant houses in the old mill "
        "neighborhood. The crew leaders hold contractor licenses and OSHA trainer cards.",
    ),
    # High Desert ---------------------------------------------------------------------------
    Org(
        "alta-mesa-solar",
        "Alta Mesa Solar",
        "employer",
        ("energy", "construction"),
        HDE,
        "altamesasolar.com",
        True,
        "Alta Mesa builds and operates utility-scale solar farms on former rangeland outside Red "
        "Mesa, with 1.1 gigawatts online and battery storage coming. Operations technicians are "
        "the hard hire: the sites are remote, and the work blends electrical, SCADA and "
        "mechanical skills.",
    ),
    Org(
        "high-desert-steel",
        "High Desert Steelworks",
        "employer",
        ("advanced_manufacturing", "construction"),
        HDE,
        "hdsteelworks.com",
        True,
        "Structural steel fabricator and erector for warehouses, data centers and mine "
        "facilities. The Juniper Flats shop employs about ninety welders and fitters and tests "
        "every new hire on its own plate.",
    ),
    Org(
        "sagebrush-data",
        "Sagebrush Data Center",
        "employer",
        ("information_technology", "energy"),
        HDE,
        "sagebrushdc.com",
        True,
        "A 40-megawatt colocation campus that came to Red Mesa for cheap land and solar power. "
        "Critical facilities technicians — part electrician, part HVAC mechanic, part IT — are "
        "the positions it struggles to fill.",
    ),
    Org(
        "cinder-labs",
        "Cinder Labs",
        "employer",
        ("information_technology",),
        HDE,
        "cinderlabs.dev",
        True,
        "Twelve developers writing scheduling software for rural clinics. The founders are Sierra "
        "Alta College alumni who moved back home after a decade on the coast.",
    ),
    Org(
        "juniper-clinic",
        "Juniper Flats Rural Health Clinic",
        "employer",
        ("health_sciences",),
        HDE,
        "juniperflatsclinic.org",
        False,
        "A federally qualified health center with a medical clinic, four dental chairs and a "
        "behavioral health team, serving a county with one stoplight. Everyone on staff wears "
        "several hats.",
    ),
    Org(
        "summit-ridge-mech",
        "Summit Ridge Mechanical",
        "employer",
        ("construction", "energy"),
        HDE,
        "summitridgemech.com",
        True,
        "Plumbing, HVAC and process piping. Most recent work has been cooling systems for the "
        "data centers going up around Red Mesa.",
    ),
    Org(
        "crossroads-freight",
        "Crossroads Freight Logistics",
        "employer",
        ("transportation_logistics",),
        HDE,
        "crossroadsfreight.com",
        True,
        "Trucking and cross-docking at the junction of two interstates, with its own in-house CDL "
        "school. Dispatchers, diesel techs and warehouse leads make up the rest of the payroll.",
    ),
    Org(
        "red-mesa-battery",
        "Red Mesa Battery Materials",
        "employer",
        ("energy", "advanced_manufacturing"),
        HDE,
        "redmesabattery.com",
        False,
        "A pilot plant refining lithium carbonate from geothermal brine. Still pre-commercial, "
        "with about sixty chemical operators and process engineers and plans to triple that by "
        "2028.",
    ),
    Org(
        "desert-vista-medical",
        "Desert Vista Regional Medical Center",
        "employer",
        ("health_sciences",),
        HDE,
        "desertvista.org",
        True,
        "The only hospital with a surgical suite within ninety miles of Sierra Alta, and the main "
        "clinical site for Sierra Alta College's nursing students. It hires travel nurses every "
        "winter and would much rather grow its own.",
    ),
    Org(
        "sierra-alta-college",
        "Sierra Alta College",
        "college",
        ("health_sciences", "energy", "information_technology", "education"),
        HDE,
        "sierraalta.edu",
        True,
        "A rural community college whose service area is larger than some states. Nursing and "
        "allied health, solar technology and an online IT degree draw students from across the "
        "High Desert.",
    ),
    Org(
        "sierra-alta-usd",
        "Sierra Alta Unified School District",
        "district",
        ("education",),
        HDE,
        "sierraaltausd.org",
        True,
        "Sierra Alta Unified runs the High Desert Career Center, a shared campus where students "
        "from five small districts spend their afternoons in welding, automotive and health "
        "courses.",
    ),
    Org(
        "juniper-flats-sd",
        "Juniper Flats School District",
        "district",
        ("education",),
        HDE,
        "jfsd.org",
        False,
        "Fewer than 1,200 students in a district the size of a small county. High-schoolers ride "
        "the bus forty minutes to the career center for anything beyond the basic shop class.",
    ),
    Org(
        "hd-chamber",
        "High Desert Chamber of Commerce",
        "intermediary",
        ("public_service",),
        HDE,
        "highdesertchamber.org",
        True,
        "Represents about 350 businesses in Sierra Alta, Juniper Flats and Red Mesa. Its "
        "education committee organizes an annual career fair and has started matching members "
        "with classroom speakers.",
    ),
)

# --------------------------------------------------------------------------------------------
# Contacts (key = slug of the name; names are unique)
# --------------------------------------------------------------------------------------------

CONTACTS: tuple[Contact, ...] = (
    # Capital Region
    Contact(
        "meridian-health",
        "Priya Raghunathan",
        "priya.raghunathan@meridianhealth.org",
        "Director of Clinical Education",
        (
            "nursing education",
            "clinical placement coordination",
            "Joint Commission standards",
            "simulation lab design",
        ),
    ),
    Contact(
        "meridian-health",
        "Marcus Okafor",
        "marcus.okafor@meridianhealth.org",
        "Workforce Pipeline Manager",
        ("workforce planning", "community partnerships", "grant writing"),
    ),
    Contact(
        "meridian-health",
        "Linh Tran",
        "linh.tran@meridianhealth.org",
        "Radiology Operations Supervisor",
        ("CT imaging", "radiation safety", "ARRT certification", "staff scheduling"),
    ),
    Contact(
        "kestrel-cloud",
        "Hannah Goldberg",
        "hgoldberg@kestrelcloud.com",
        "Early Careers Program Lead",
        ("internship program design", "technical recruiting", "mentoring"),
    ),
    Contact(
        "kestrel-cloud",
        "Ravi Desai",
        "rdesai@kestrelcloud.com",
        "Principal Security Engineer",
        ("incident response", "AWS networking", "threat hunting", "Python"),
    ),
    Contact(
        "kestrel-cloud",
        "Beatriz Santos",
        "bsantos@kestrelcloud.com",
        "Network Operations Manager",
        ("Cisco routing", "BGP", "NOC operations", "CCNP"),
    ),
    Contact(
        "praxis-motion",
        "Tomasz Wójcik",
        "twojcik@praxismotion.com",
        "Manufacturing Engineering Manager",
        ("servo tuning", "PLC programming", "lean manufacturing", "FIRST Robotics mentoring"),
    ),
    Contact(
        "praxis-motion",
        "Grace Kim",
        "gkim@praxismotion.com",
        "HR Business Partner",
        ("talent acquisition", "apprenticeship registration"),
    ),
    Contact(
        "civic-stack",
        "Aaliyah Brooks",
        "aaliyah@civicstack.io",
        "Accessibility Lead",
        ("WCAG 2.2 auditing", "screen reader testing", "user research"),
    ),
    Contact(
        "civic-stack",
        "Dmitri Volkov",
        "dmitri@civicstack.io",
        "Engineering Director",
        ("Django", "PostgreSQL", "agile coaching", "code review"),
    ),
    Contact(
        "cellvane-dx",
        "Ngozi Eze",
        "neze@cellvane.com",
        "Laboratory Director",
        ("CLIA compliance", "PCR assay validation", "MLS supervision"),
    ),
    Contact(
        "cellvane-dx",
        "Jun Park",
        "jpark@cellvane.com",
        "Talent Acquisition Specialist",
        ("technical recruiting", "campus relations"),
    ),
    Contact(
        "capitol-glazing",
        "Eamon Gallagher",
        "eamon@capitolglazing.com",
        "Field Superintendent",
        ("curtain wall installation", "OSHA 30", "rigging and signaling"),
    ),
    Contact(
        "lindenwood-peds",
        "Rosa Delgado",
        "rdelgado@lindenwoodpeds.com",
        "Practice Manager",
        ("medical assistant training", "Epic EHR workflows", "bilingual patient communication"),
    ),
    Contact(
        "brightfield-energy",
        "Kofi Asante",
        "kasante@brightfieldenergy.com",
        "Field Operations Director",
        ("building automation", "heat pump commissioning", "NABCEP PV", "electrical licensing"),
    ),
    Contact(
        "brightfield-energy",
        "Ellie Ramsey",
        "eramsey@brightfieldenergy.com",
        "Energy Analyst",
        ("ASHRAE Level II audits", "measurement and verification", "Excel modeling"),
    ),
    Contact(
        "capital-city-college",
        "Teresa Luján",
        "tlujan@capcity.edu",
        "Dean of Career Education",
        ("dual enrollment", "program review", "Perkins V planning"),
    ),
    Contact(
        "capital-city-college",
        "Wei Zhang",
        "wzhang@capcity.edu",
        "Network Administration Faculty",
        ("CCNA instruction", "Linux administration", "curriculum design"),
    ),
    Contact(
        "lincoln-usd",
        "Natalie Whitehorse",
        "nwhitehorse@lincolnusd.org",
        "CTE Coordinator",
        ("work-based learning coordination", "career academy management"),
    ),
    Contact(
        "lincoln-usd",
        "Jerome Baptiste",
        "jbaptiste@lincolnusd.org",
        "Health Academy Lead Teacher",
        ("anatomy and physiology", "CNA instruction", "HOSA advising"),
    ),
    Contact(
        "carver-city-schools",
        "Anjali Menon",
        "amenon@carvercityschools.org",
        "Software Academy Director",
        ("AP Computer Science", "JavaScript", "industry partnerships"),
    ),
    Contact(
        "capital-wdb",
        "Darnell Price",
        "dprice@capitalregionworks.org",
        "Business Services Manager",
        ("employer engagement", "WIOA contracting", "sector partnerships"),
    ),
    Contact(
        "capital-wdb",
        "Mei-Ling Chou",
        "mchou@capitalregionworks.org",
        "Teacher Externship Coordinator",
        ("externship design", "teacher professional development", "event logistics"),
    ),
    Contact(
        "state-mfg-alliance",
        "Graham Fletcher",
        "gfletcher@mfgalliance.org",
        "Vice President, Workforce Policy",
        ("policy analysis", "skills standards", "NIMS credentials", "plant management"),
    ),
    Contact(
        "women-in-trades",
        "Marisol Vega",
        "marisol@womenbuildtrades.org",
        "Executive Director",
        ("pre-apprenticeship instruction", "journeyman electrician", "peer mentoring"),
    ),
    # North Coast
    Contact(
        "tidewater-construction",
        "Connor Walsh",
        "cwalsh@tidewatercg.com",
        "Director of Craft Workforce",
        ("craft recruiting", "carpentry apprenticeship", "NCCER"),
    ),
    Contact(
        "tidewater-construction",
        "Ximena Cordero",
        "xcordero@tidewatercg.com",
        "Project Engineer",
        ("Procore", "BIM coordination", "estimating"),
    ),
    Contact(
        "tidewater-construction",
        "Sione Tuilagi",
        "stuilagi@tidewatercg.com",
        "Safety Manager",
        ("OSHA 500 trainer", "fall protection", "site safety plans"),
    ),
    Contact(
        "st-brendan-hospital",
        "Siobhan O'Rourke",
        "sorourke@stbrendan.org",
        "Nurse Educator",
        ("BLS instruction", "preceptor training", "med-surg nursing"),
    ),
    Contact(
        "st-brendan-hospital",
        "Hamid Karimi",
        "hkarimi@stbrendan.org",
        "Respiratory Therapy Manager",
        ("ventilator management", "RRT credential", "clinical supervision"),
    ),
    Contact(
        "port-alder-networks",
        "Ikaika Kealoha",
        "ikealoha@portaldernet.com",
        "Field Operations Supervisor",
        ("fiber splicing", "OTDR testing", "bucket truck safety"),
    ),
    Contact(
        "port-alder-networks",
        "Paula Nyberg",
        "pnyberg@portaldernet.com",
        "Network Operations Center Manager",
        ("network monitoring", "Juniper routing", "ticket triage"),
    ),
    Contact(
        "harbor-marine-fab",
        "Lars Eriksen",
        "lars.eriksen@harborpointmarine.com",
        "Production Manager",
        ("aluminum MIG welding", "AWS D1.2", "shipyard scheduling"),
    ),
    Contact(
        "saltmarsh-bio",
        "Haruka Sato",
        "haruka@saltmarshbio.com",
        "Chief Scientist",
        ("algae cultivation", "HPLC", "enzyme purification"),
    ),
    Contact(
        "coastal-wind",
        "Fiona MacLeod",
        "fmacleod@ncwindpartners.com",
        "Community & Workforce Liaison",
        ("stakeholder engagement", "GWO training standards", "port logistics"),
    ),
    Contact(
        "coastal-wind",
        "Abdi Warsame",
        "awarsame@ncwindpartners.com",
        "Electrical Engineer",
        ("HV cable design", "SCADA", "power systems modeling"),
    ),
    Contact(
        "blue-heron-homes",
        "Owen Pritchard",
        "owen@blueheronhomes.com",
        "Site Superintendent",
        ("wood framing", "residential building code", "crew leadership"),
    ),
    Contact(
        "north-coast-cc",
        "Samuel Osei",
        "sosei@northcoast.edu",
        "Wind Technology Program Chair",
        ("wind turbine maintenance", "GWO Basic Safety", "hydraulics"),
    ),
    Contact(
        "north-coast-cc",
        "Holly Brennan",
        "hbrennan@northcoast.edu",
        "LVN Program Director",
        ("vocational nursing", "clinical scheduling", "NCLEX-PN prep"),
    ),
    Contact(
        "port-alder-tech",
        "Hector Alvarado",
        "halvarado@pact.edu",
        "Welding & Marine Systems Instructor",
        ("SMAW", "GTAW", "marine diesel"),
    ),
    Contact(
        "harbor-point-usd",
        "Patrick Dunleavy",
        "pdunleavy@hpusd.org",
        "Building Trades Academy Lead",
        ("carpentry instruction", "NCCER Core", "SkillsUSA advising"),
    ),
    Contact(
        "port-alder-sd",
        "Leticia Gómez",
        "lgomez@portalderschools.org",
        "Counselor and CTE Liaison",
        ("college and career counseling", "master scheduling"),
    ),
    Contact(
        "north-coast-edc",
        "Rebecca Stein",
        "rstein@northcoastedc.org",
        "Youth Apprenticeship Manager",
        ("registered apprenticeship", "employer recruitment", "case management"),
    ),
    Contact(
        "north-coast-edc",
        "Kenji Watanabe",
        "kwatanabe@northcoastedc.org",
        "President",
        ("regional economic strategy", "offshore wind planning"),
    ),
    Contact(
        "port-alder-harbor",
        "Javier Soto",
        "jsoto@portalderharbor.gov",
        "Maintenance Superintendent",
        ("heavy equipment repair", "crane inspection", "CDL Class A"),
    ),
    # Central Valley
    Contact(
        "sunridge-power",
        "Ana Lucía Paredes",
        "analucia.paredes@sunridgepower.com",
        "Manager, Workforce Development",
        ("apprenticeship program management", "union relations", "K-12 outreach"),
    ),
    Contact(
        "sunridge-power",
        "Trevor Lindgren",
        "trevor.lindgren@sunridgepower.com",
        "Line Operations Superintendent",
        ("overhead line construction", "pole-top rescue", "OSHA 1910.269"),
    ),
    Contact(
        "sunridge-power",
        "Farhan Qureshi",
        "farhan.qureshi@sunridgepower.com",
        "Grid Modernization Engineer",
        ("distribution automation", "SCADA", "PE electrical"),
    ),
    Contact(
        "larkspur-bio",
        "Mariana Silva",
        "msilva@larkspurbio.com",
        "Senior Manager, Manufacturing Training",
        ("cGMP training", "aseptic technique", "SOP writing"),
    ),
    Contact(
        "larkspur-bio",
        "Yusuf Demir",
        "ydemir@larkspurbio.com",
        "QC Microbiology Supervisor",
        ("environmental monitoring", "endotoxin testing", "LIMS"),
    ),
    Contact(
        "larkspur-bio",
        "Amelia Park",
        "apark@larkspurbio.com",
        "University & Community Relations Specialist",
        ("STEM outreach", "internship coordination", "event planning"),
    ),
    Contact(
        "tule-creek-genomics",
        "Bao Nguyen",
        "bnguyen@tulecreekgenomics.com",
        "Greenhouse Operations Lead",
        ("plant tissue culture", "greenhouse IPM", "marker-assisted selection"),
    ),
    Contact(
        "valley-oak-senior",
        "Esperanza Cruz",
        "ecruz@valleyoakliving.com",
        "Director of Nursing",
        ("CNA training", "dementia care", "state survey readiness"),
    ),
    Contact(
        "valley-oak-senior",
        "Malik Henderson",
        "mhenderson@valleyoakliving.com",
        "Regional HR Manager",
        ("high-volume hiring", "retention programs"),
    ),
    Contact(
        "delta-packaging",
        "Gustavo Pereira",
        "gpereira@deltapack.com",
        "Maintenance Manager",
        ("industrial maintenance", "Allen-Bradley PLCs", "hydraulics", "CMMS"),
    ),
    Contact(
        "ruiz-electric",
        "Catalina Ruiz",
        "catalina@ruizelectric.com",
        "Co-owner and Operations Manager",
        ("electrical estimating", "NEC 2023", "solar and storage design"),
    ),
    Contact(
        "ruiz-electric",
        "Carlos Mendoza",
        "carlos@ruizelectric.com",
        "General Foreman",
        ("journeyman electrician", "conduit bending", "NFPA 70E"),
    ),
    Contact(
        "valleyline-cu",
        "Nora Feldman",
        "nfeldman@valleyline.org",
        "Fraud Analytics Manager",
        ("SQL", "fraud detection", "Power BI"),
    ),
    Contact(
        "cv-biogas",
        "Stefan Novak",
        "stefan@cvbiogas.coop",
        "Plant Engineer",
        ("anaerobic digestion", "gas conditioning", "PLC troubleshooting"),
    ),
    Contact(
        "fairhaven-orchards",
        "Luis Echeverría",
        "luis@fairhavenorchards.com",
        "Logistics Coordinator",
        ("cold chain logistics", "forklift certification", "FSMA food safety"),
    ),
    Contact(
        "delta-springs-tech",
        "Kavya Reddy",
        "kreddy@dstc.edu",
        "Cybersecurity Program Director",
        ("CompTIA Security+", "curriculum design", "CTF coaching"),
    ),
    Contact(
        "delta-springs-tech",
        "Adebayo Ogunleye",
        "aogunleye@dstc.edu",
        "Biomanufacturing Instructor",
        ("bioreactor operation", "cGMP", "chromatography"),
    ),
    Contact(
        "fairhaven-cc",
        "Ruth Haile",
        "rhaile@fairhaven.edu",
        "Dean of Allied Health",
        ("program accreditation", "phlebotomy", "clinical affiliation agreements"),
    ),
    Contact(
        "delta-springs-usd",
        "Alejandra Fuentes",
        "afuentes@dsusd.org",
        "Biotech Academy Teacher",
        ("biotechnology lab instruction", "gel electrophoresis", "grant writing"),
    ),
    Contact(
        "delta-springs-usd",
        "Brandon Tso",
        "btso@dsusd.org",
        "Director of College & Career Readiness",
        ("CTE program management", "Perkins compliance"),
    ),
    Contact(
        "fairhaven-jusd",
        "Mohammed Rahman",
        "mrahman@fairhavenjusd.org",
        "Agriculture Mechanics Teacher",
        ("agricultural mechanics", "small engines", "FFA advising"),
    ),
    Contact(
        "cv-health-collab",
        "Thandiwe Dlamini",
        "tdlamini@cvhealthworkforce.org",
        "Program Director",
        ("clinical placement brokering", "labor market data", "grant management"),
    ),
    Contact(
        "valley-dot",
        "Sanjay Kulkarni",
        "sanjay.kulkarni@valleydistrict-dot.gov",
        "District Engineer",
        ("civil engineering", "bridge inspection", "land surveying"),
    ),
    Contact(
        "valley-dot",
        "Vanessa Orozco",
        "vanessa.orozco@valleydistrict-dot.gov",
        "Workforce & Training Officer",
        ("public-sector hiring", "internship administration"),
    ),
    # River Valley
    Contact(
        "castellan-aero",
        "Kristoffer Berg",
        "kristoffer.berg@castellanaero.com",
        "Director of Talent Development",
        ("apprenticeship administration", "training needs analysis", "NIMS"),
    ),
    Contact(
        "castellan-aero",
        "Yesenia Ortiz",
        "yesenia.ortiz@castellanaero.com",
        "CNC Programming Supervisor",
        ("CNC programming", "Mastercam", "five-axis machining", "GD&T"),
    ),
    Contact(
        "castellan-aero",
        "Tyrone Jackson",
        "tyrone.jackson@castellanaero.com",
        "Quality Engineer",
        ("AS9100", "CMM inspection", "root cause analysis"),
    ),
    Contact(
        "riverbend-cc",
        "Elena Popescu",
        "epopescu@riverbend.edu",
        "Vice President of Workforce Programs",
        ("program development", "employer partnerships", "apprenticeship-related instruction"),
    ),
    Contact(
        "riverbend-cc",
        "Victor Nakamura",
        "vnakamura@riverbend.edu",
        "Mechatronics Faculty Lead",
        ("Siemens mechatronic systems", "PLC programming", "fluid power"),
    ),
    Contact(
        "riverbend-cc",
        "Amara Nwosu",
        "anwosu@riverbend.edu",
        "Nursing Simulation Coordinator",
        ("high-fidelity simulation", "nursing education", "debriefing"),
    ),
    Contact(
        "millbrook-tool",
        "Paula Kowalski",
        "paula@millbrooktool.com",
        "President",
        ("die design", "quoting", "shop management"),
    ),
    Contact(
        "millbrook-tool",
        "Jasmine Holloway",
        "jasmine@millbrooktool.com",
        "Toolroom Lead",
        ("wire EDM", "surface grinding", "apprentice training"),
    ),
    Contact(
        "quillen-foundry",
        "Daniel Yazzie",
        "dyazzie@quillenfoundry.com",
        "Melt Shop Supervisor",
        ("induction melting", "metallurgy", "foundry safety"),
    ),
    Contact(
        "orrin-bioprocess",
        "Soo-ah Kang",
        "skang@orrinbio.com",
        "Process Development Scientist",
        ("fermentation", "downstream purification", "design of experiments"),
    ),
    Contact(
        "orrin-bioprocess",
        "Paolo Bianchi",
        "pbianchi@orrinbio.com",
        "Operations Manager",
        ("GMP facility operations", "cleaning validation", "technician training"),
    ),
    Contact(
        "greyfield-it",
        "Brianna Foster",
        "bfoster@greyfieldit.com",
        "Service Desk Manager",
        ("CompTIA A+", "ITIL", "Microsoft 365 administration"),
    ),
    Contact(
        "greyfield-it",
        "Min-jun Cho",
        "mcho@greyfieldit.com",
        "Senior Network Engineer",
        ("Fortinet firewalls", "VLAN design", "backup and recovery"),
    ),
    Contact(
        "riverbend-ortho",
        "Renée Thibodeaux",
        "rthibodeaux@riverbendortho.com",
        "Clinical Operations Manager",
        ("radiologic technology", "surgical scheduling", "athletic training"),
    ),
    Contact(
        "keelson-civil",
        "Hyun-woo Lee",
        "hlee@keelsoncivil.com",
        "Survey Manager",
        ("GNSS surveying", "Trimble Business Center", "construction staking"),
    ),
    Contact(
        "keelson-civil",
        "Ezekiel Martin",
        "emartin@keelsoncivil.com",
        "Equipment Superintendent",
        ("heavy equipment operation", "crane signaling", "NCCER"),
    ),
    Contact(
        "ironwood-medical",
        "Noor Siddiqui",
        "nsiddiqui@ironwoodmed.com",
        "Quality Systems Manager",
        ("ISO 13485", "FDA 21 CFR 820", "CAPA"),
    ),
    Contact(
        "millbrook-tech",
        "Omar Farouk",
        "ofarouk@millbrooktech.edu",
        "Industrial Maintenance Instructor",
        ("industrial electricity", "motor controls", "NCCER instructor"),
    ),
    Contact(
        "riverbend-ps",
        "Bethany Lund",
        "blund@riverbendschools.org",
        "Engineering Teacher",
        ("Project Lead The Way", "CAD", "robotics coaching"),
    ),
    Contact(
        "rv-workforce",
        "Tim Okonkwo",
        "tokonkwo@rvworkforce.org",
        "Youth Programs Director",
        ("WIOA youth programs", "summer employment", "employer outreach"),
    ),
    Contact(
        "rv-workforce",
        "Salma Haddad",
        "shaddad@rvworkforce.org",
        "Business Services Representative",
        ("job development", "on-the-job training contracts"),
    ),
    Contact(
        "riverbend-youth-works",
        "Jorge Villanueva",
        "jorge@riverbendyouthworks.org",
        "Construction Training Manager",
        ("residential rehab", "OSHA 10 trainer", "lead-safe work practices"),
    ),
    # High Desert
    Contact(
        "alta-mesa-solar",
        "Winona Tsosie",
        "wtsosie@altamesasolar.com",
        "Site Operations Manager",
        ("PV plant O&M", "SCADA monitoring", "NFPA 70E"),
    ),
    Contact(
        "alta-mesa-solar",
        "Lucas Ferreira",
        "lferreira@altamesasolar.com",
        "Battery Storage Commissioning Engineer",
        ("BESS commissioning", "inverter troubleshooting", "arc-flash studies"),
    ),
    Contact(
        "high-desert-steel",
        "Rahul Iyer",
        "riyer@hdsteelworks.com",
        "Shop Manager",
        ("structural welding", "AWS D1.1", "Tekla detailing"),
    ),
    Contact(
        "high-desert-steel",
        "Wes Tolliver",
        "wtolliver@hdsteelworks.com",
        "Certified Welding Inspector",
        ("CWI", "weld procedure qualification", "bend testing"),
    ),
    Contact(
        "sagebrush-data",
        "Camille Dubois",
        "cdubois@sagebrushdc.com",
        "Critical Facilities Manager",
        ("UPS systems", "chiller plants", "data center operations"),
    ),
    Contact(
        "cinder-labs",
        "Dev Malhotra",
        "dev@cinderlabs.dev",
        "Co-founder and CTO",
        ("TypeScript", "React", "HL7 FHIR"),
    ),
    Contact(
        "juniper-clinic",
        "Maya Patel",
        "maya.patel@juniperflatsclinic.org",
        "Clinic Operations Director",
        ("FQHC operations", "medical assistant supervision", "telehealth"),
    ),
    Contact(
        "summit-ridge-mech",
        "Mateo Rivera",
        "mrivera@summitridgemech.com",
        "Project Manager",
        ("process piping", "HVAC controls", "EPA 608"),
    ),
    Contact(
        "crossroads-freight",
        "Nia Robinson",
        "nrobinson@crossroadsfreight.com",
        "Training & Safety Manager",
        ("CDL instruction", "DOT compliance", "warehouse safety"),
    ),
    Contact(
        "red-mesa-battery",
        "Chen Jing",
        "jchen@redmesabattery.com",
        "Process Engineering Lead",
        ("hydrometallurgy", "process safety management", "DCS operations"),
    ),
    Contact(
        "desert-vista-medical",
        "Sara Abebe",
        "sabebe@desertvista.org",
        "Chief Nursing Officer",
        ("nursing leadership", "workforce planning", "Magnet designation"),
    ),
    Contact(
        "desert-vista-medical",
        "Ingrid Halvorsen",
        "ihalvorsen@desertvista.org",
        "Clinical Education Specialist",
        ("preceptor programs", "ACLS instruction", "simulation"),
    ),
    Contact(
        "sierra-alta-college",
        "Isabella Moreno",
        "imoreno@sierraalta.edu",
        "Director of Nursing & Allied Health",
        ("ADN program administration", "clinical site recruitment", "board of nursing compliance"),
    ),
    Contact(
        "sierra-alta-college",
        "Aiyana Begay",
        "abegay@sierraalta.edu",
        "Solar Technology Instructor",
        ("PV installation", "NABCEP Associate", "electrical theory"),
    ),
    Contact(
        "sierra-alta-usd",
        "Olusegun Adeyemi",
        "oadeyemi@sierraaltausd.org",
        "Principal, High Desert Career Center",
        ("career center administration", "master scheduling", "CTE credentialing"),
    ),
    Contact(
        "sierra-alta-usd",
        "Ignacio Medina",
        "imedina@sierraaltausd.org",
        "Welding Instructor",
        ("SMAW", "FCAW", "AWS SENSE program"),
    ),
    Contact(
        "juniper-flats-sd",
        "Mia Johansson",
        "mjohansson@jfsd.org",
        "Superintendent",
        ("rural school administration", "grant management"),
    ),
    Contact(
        "hd-chamber",
        "Keoni Kahale",
        "keoni@highdesertchamber.org",
        "Executive Director",
        ("member relations", "event planning", "small business advising"),
    ),
)

# --------------------------------------------------------------------------------------------
# Interviews: (organization, interviewee name, days ago, business summary, role and skills,
# interest 1-5, capacity hours/month, max concurrent engagements, open to, notes).
# Eighteen organizations have none: their capacity is unknown.
# --------------------------------------------------------------------------------------------

INTERVIEWS: tuple[Interview, ...] = (
    # Heavy hitters: an older, eager interview and a newer, tired one.
    Interview(
        "meridian-health",
        "Priya Raghunathan",
        352,
        "Four acute-care hospitals, a Level I trauma center and more than thirty outpatient "
        "clinics; about 9,000 employees. The biggest hiring needs are RNs, imaging technologists, "
        "sterile processing and patient care technicians.",
        "Director of Clinical Education. RN with an MSN in nursing education; schedules every "
        "student placement that comes into a Meridian facility, from high-school shadows to "
        "nursing preceptorships.",
        5,
        60,
        6,
        (
            "job_shadow",
            "work_based_learning",
            "internship_host",
            "mentoring",
            "guest_instruction",
            "advisory_board",
            "curriculum_review",
        ),
        "Enthusiastic. Wants Meridian to be the default health partner for the region and asked "
        "to be invited to every health advisory board.",
    ),
    Interview(
        "meridian-health",
        "Marcus Okafor",
        41,
        "Same footprint, but the nursing shortage has pushed overtime up and two units closed "
        "beds over the summer. The education office is still two people.",
        "Workforce Pipeline Manager. Background in HR and community partnerships; manages the "
        "grant-funded pipeline programs and logs every request that comes in from a school.",
        3,
        30,
        3,
        ("work_based_learning", "advisory_board", "curriculum_review"),
        "Said plainly they are stretched thin: eleven requests in one month from seven programs, "
        "most for the same surgical and imaging units. Wants asks routed through one coordinator "
        "instead of each program calling separately.",
    ),
    Interview(
        "castellan-aero",
        "Kristoffer Berg",
        330,
        "Machines, bonds and assembles wing components and engine nacelles for commercial "
        "aircraft in three plants; 3,200 employees, about 900 of them machinists.",
        "Director of Talent Development. Runs the registered machinist apprenticeship and every "
        "school partnership; former training manager at a tier-one supplier.",
        5,
        50,
        6,
        (
            "internship_host",
            "apprenticeship",
            "job_shadow",
            "teacher_externship",
            "equipment",
            "advisory_board",
            "curriculum_review",
            "guest_instruction",
        ),
        None,
    ),
    Interview(
        "castellan-aero",
        "Yesenia Ortiz",
        58,
        "Ramping up deliveries for a new narrow-body program; mandatory overtime in machining and "
        "assembly through at least next spring.",
        "CNC Programming Supervisor. Five-axis machining, Mastercam and GD&T; came up through the "
        "apprenticeship herself and now mentors apprentices on second shift.",
        3,
        35,
        4,
        ("internship_host", "apprenticeship", "advisory_board"),
        "Machinists are on mandatory overtime through the ramp. Still committed to the "
        "Mechatronics Pathway, much less so to one-off tours and career days.",
    ),
    Interview(
        "kestrel-cloud",
        "Hannah Goldberg",
        300,
        "Managed hosting, cloud migration and round-the-clock security monitoring for "
        "public-sector and healthcare clients. Roughly 1,400 staff; the security operations "
        "center in Ashby is the largest in the state.",
        "Early Careers Program Lead. Former technical recruiter who designed Kestrel's paid "
        "summer internship and a mentoring program for community-college students.",
        4,
        40,
        5,
        ("internship_host", "mentoring", "guest_instruction", "job_shadow", "curriculum_review"),
        None,
    ),
    Interview(
        "kestrel-cloud",
        "Ravi Desai",
        35,
        "Services unchanged. A hiring freeze since spring means no new junior roles until next "
        "fiscal year, although security operations keep growing through contract renewals.",
        "Principal Security Engineer. Fifteen years in incident response and cloud networking on "
        "AWS and Azure; volunteers as a mentor and judge at student capture-the-flag events.",
        2,
        20,
        2,
        ("mentoring", "curriculum_review"),
        "The mentors are the same eight engineers every time, and two asked to be taken off the "
        "list. Will not host interns they cannot hire.",
    ),
    Interview(
        "riverbend-cc",
        "Elena Popescu",
        365,
        "Flagship community college: 30,000 students, programs in mechatronics, nursing, IT, "
        "construction and energy, and the state's largest apprenticeship-instruction contract.",
        "Vice President of Workforce Programs. Builds new programs with employers and signs most "
        "of the college's partnership agreements.",
        5,
        60,
        6,
        (
            "curriculum_review",
            "guest_instruction",
            "advisory_board",
            "equipment",
            "other",
            "teacher_externship",
        ),
        None,
    ),
    Interview(
        "riverbend-cc",
        "Victor Nakamura",
        62,
        "Same programs; enrollment is up nine percent and faculty hiring has not kept pace.",
        "Mechatronics Faculty Lead. Siemens-certified instructor who teaches PLCs and fluid power "
        "and sits on more review panels than anyone else on the faculty.",
        4,
        45,
        4,
        ("curriculum_review", "guest_instruction", "advisory_board", "equipment"),
        "The faculty union raised unpaid advisory and review work at bargaining. Prefers asks "
        "that come with a stipend or release time.",
    ),
    Interview(
        "sunridge-power",
        "Ana Lucía Paredes",
        310,
        "Investor-owned electric utility: 1.8 million customers, 6,500 employees and a four-year "
        "lineworker apprenticeship run jointly with the IBEW.",
        "Manager of Workforce Development. Runs apprenticeship intake, K-12 outreach and the "
        "utility's scholarship fund.",
        5,
        45,
        5,
        (
            "apprenticeship",
            "job_shadow",
            "guest_instruction",
            "advisory_board",
            "curriculum_review",
            "teacher_externship",
            "internship_host",
        ),
        None,
    ),
    Interview(
        "sunridge-power",
        "Trevor Lindgren",
        48,
        "Same utility, with wildfire-mitigation work and storm restoration absorbing most field "
        "crews this year.",
        "Line Operations Superintendent. Journeyman lineworker and pole-top rescue instructor; "
        "supervises 140 line crew members.",
        3,
        32,
        3,
        ("apprenticeship", "advisory_board", "curriculum_review"),
        "Prefers spring semester: storm season (November to February) pulls every lineworker into "
        "restoration. Tired of career-day requests from programs that do not feed the "
        "apprenticeship.",
    ),
    Interview(
        "tidewater-construction",
        "Connor Walsh",
        280,
        "General contractor for large public and healthcare projects on the North Coast; "
        "self-performs concrete and carpentry with about 600 craft workers.",
        "Director of Craft Workforce. Carpenter by trade; runs apprenticeship intake and NCCER "
        "training for every Tidewater jobsite.",
        4,
        30,
        4,
        (
            "job_shadow",
            "apprenticeship",
            "work_based_learning",
            "advisory_board",
            "guest_instruction",
            "equipment",
        ),
        None,
    ),
    Interview(
        "tidewater-construction",
        "Sione Tuilagi",
        27,
        "Backlog at a record high with the Harbor Point hospital expansion; craft hiring "
        "continues, but superintendents and safety staff are stretched.",
        "Safety Manager. OSHA 500 authorized trainer; runs every site orientation, including the "
        "ones for visiting students.",
        2,
        20,
        2,
        ("apprenticeship", "advisory_board"),
        "Blunt: Tidewater sits on five advisory boards that discuss the same things and would "
        "trade them all for one regional board. Every student site visit costs a half-day of "
        "safety staff.",
    ),
    Interview(
        "larkspur-bio",
        "Mariana Silva",
        75,
        "Contract manufacturer of biologics: mammalian cell culture, purification and fill-finish "
        "under cGMP, about 700 employees.",
        "Senior Manager of Manufacturing Training. Designs technician onboarding and aseptic "
        "gowning qualification; taught the first cohort of the Delta Springs Tech "
        "biomanufacturing certificate.",
        3,
        16,
        2,
        ("internship_host", "job_shadow", "curriculum_review", "equipment"),
        "The only site that can offer real GMP exposure in the valley, and they know it. Every "
        "student inside the suite needs a gowned, trained escort, which caps numbers hard.",
    ),
    # Partners that changed between two interviews.
    Interview(
        "st-brendan-hospital",
        "Siobhan O'Rourke",
        290,
        "A 120-bed nonprofit community hospital with an emergency department, surgery and a small "
        "ICU; the main acute-care site for three rural counties.",
        "Nurse Educator. Med-surg RN and BLS/ACLS instructor; coordinates every student clinical "
        "rotation in the building.",
        3,
        12,
        2,
        ("job_shadow", "work_based_learning"),
        "Only one educator for the whole hospital; takes students when she can.",
    ),
    Interview(
        "st-brendan-hospital",
        "Hamid Karimi",
        60,
        "Same services, plus a second nurse educator and a new respiratory therapy residency.",
        "Respiratory Therapy Manager. Registered respiratory therapist supervising fourteen "
        "therapists; would love to grow RTs locally instead of recruiting travelers.",
        4,
        20,
        3,
        ("job_shadow", "work_based_learning", "mentoring", "guest_instruction", "advisory_board"),
        "Can take more shadow students now that a second educator is on staff. Noted they are "
        "rarely asked compared with the capital's hospitals.",
    ),
    Interview(
        "delta-springs-tech",
        "Kavya Reddy",
        340,
        "Technical college offering cybersecurity, biomanufacturing, machining and welding.",
        "Cybersecurity Program Director. CompTIA instructor and capture-the-flag coach.",
        3,
        10,
        2,
        ("curriculum_review", "guest_instruction"),
        None,
    ),
    Interview(
        "delta-springs-tech",
        "Adebayo Ogunleye",
        90,
        "Same programs, plus a pilot biomanufacturing suite built partly with equipment Larkspur "
        "donated.",
        "Biomanufacturing Instructor. Former Larkspur upstream technician; runs the bioreactor "
        "lab.",
        4,
        24,
        4,
        ("curriculum_review", "guest_instruction", "equipment", "advisory_board", "mentoring"),
        "A new dean counts partnership work toward faculty load, so instructors can say yes more "
        "often.",
    ),
    Interview(
        "alta-mesa-solar",
        "Winona Tsosie",
        320,
        "Utility-scale solar developer and operator, midway through construction of its first "
        "battery-storage project.",
        "Site Operations Manager. PV plant operations and maintenance, SCADA monitoring, NFPA 70E.",
        2,
        6,
        1,
        ("guest_instruction",),
        "Construction phase: the operations crew is tied up. Ask again next year.",
    ),
    Interview(
        "alta-mesa-solar",
        "Lucas Ferreira",
        44,
        "1.1 GW of solar in operation and 400 MWh of battery storage commissioned in the spring.",
        "Battery Storage Commissioning Engineer. BESS commissioning, inverter troubleshooting, "
        "arc-flash studies.",
        4,
        20,
        3,
        (
            "internship_host",
            "job_shadow",
            "teacher_externship",
            "guest_instruction",
            "work_based_learning",
        ),
        "With the storage project commissioned, the operations crew has room for students. Wants "
        "interns who can handle 105°F days at remote sites.",
    ),
    # Everyone else interviewed once.
    Interview(
        "praxis-motion",
        "Tomasz Wójcik",
        210,
        "Designs servo drives and motion controllers and assembles them in Carver City; about 350 "
        "employees split between engineering and production.",
        "Manufacturing Engineering Manager. PLC and servo specialist, lean practitioner, longtime "
        "FIRST Robotics mentor.",
        4,
        16,
        3,
        ("internship_host", "job_shadow", "mentoring", "equipment", "advisory_board"),
        "Has demo stands of retired servo hardware that could go to a college lab.",
    ),
    Interview(
        "civic-stack",
        "Aaliyah Brooks",
        180,
        "Builds and maintains web applications for city and county governments — benefits "
        "portals, permitting, 311 systems — in small agile teams.",
        "Accessibility Lead. Certified accessibility auditor who runs usability studies with "
        "screen-reader users.",
        4,
        10,
        2,
        ("mentoring", "guest_instruction", "curriculum_review", "internship_host"),
        None,
    ),
    Interview(
        "cellvane-dx",
        "Ngozi Eze",
        150,
        "Molecular diagnostics: designs and manufactures rapid PCR assays and runs a CLIA "
        "reference lab processing about 4,000 samples a day.",
        "Laboratory Director. PhD in clinical microbiology; supervises sixty lab staff, including "
        "MLTs and MLSs.",
        3,
        8,
        2,
        ("job_shadow", "internship_host", "curriculum_review"),
        "The testing area is BSL-2, so no students under 18 past the viewing window.",
    ),
    Interview(
        "capitol-glazing",
        "Eamon Gallagher",
        260,
        "Commercial glazing subcontractor: curtain wall, storefronts and skylights. Union shop.",
        "Field Superintendent. Journeyman glazier with 25 years in the trade; OSHA 30 and rigging "
        "certified.",
        3,
        6,
        1,
        ("job_shadow", "guest_instruction"),
        "Prefers spring semester; winter is catch-up season on enclosed jobs and nobody has time.",
    ),
    Interview(
        "lindenwood-peds",
        "Rosa Delgado",
        120,
        "Two-clinic pediatric practice: well-child visits, vaccines and same-day sick care, about "
        "28,000 visits a year.",
        "Practice Manager. Former medical assistant who now trains every new MA and front-desk "
        "hire; bilingual in English and Spanish.",
        4,
        6,
        1,
        ("job_shadow", "work_based_learning"),
        None,
    ),
    Interview(
        "brightfield-energy",
        "Kofi Asante",
        95,
        "Energy-efficiency contractor doing heat pump, lighting and controls retrofits under "
        "performance contracts for public buildings.",
        "Field Operations Director. Licensed electrician with building automation and PV "
        "experience.",
        4,
        12,
        2,
        ("internship_host", "job_shadow", "teacher_externship", "guest_instruction"),
        "Interested in hosting teachers over the summer so they see electrical and HVAC work side "
        "by side.",
    ),
    Interview(
        "capital-city-college",
        "Teresa Luján",
        230,
        "Comprehensive community college with 22,000 students a term, forty CTE certificates and "
        "dual-enrollment agreements with fourteen districts.",
        "Dean of Career Education. Oversees the CTE programs, the Perkins plan and every "
        "dual-enrollment agreement.",
        4,
        25,
        4,
        ("curriculum_review", "guest_instruction", "advisory_board", "equipment", "other"),
        "Faculty are willing to teach dual-enrollment sections at high schools if districts cover "
        "travel.",
    ),
    Interview(
        "lincoln-usd",
        "Natalie Whitehorse",
        200,
        "Urban K-12 district with four high-school career academies and a countywide CTE center "
        "shared with two smaller districts.",
        "CTE Coordinator. Manages work-based learning for the academies and keeps the district's "
        "industry partner list.",
        3,
        8,
        2,
        ("equipment", "curriculum_review", "other"),
        "Mostly an asker, not a provider, but can lend the CTE center's simulation lab on "
        "weekends.",
    ),
    Interview(
        "carver-city-schools",
        "Anjali Menon",
        140,
        "Suburban district whose three-year-old Software Academy now enrolls 180 students.",
        "Software Academy Director. Former software engineer turned AP Computer Science teacher.",
        3,
        4,
        1,
        ("curriculum_review", "other"),
        None,
    ),
    Interview(
        "capital-wdb",
        "Darnell Price",
        170,
        "Federally chartered workforce board for three counties: two job centers, training funds, "
        "and sector partnerships in health, IT and manufacturing.",
        "Business Services Manager. Employer relations and WIOA contracting; knows most HR "
        "directors in the region by first name.",
        5,
        20,
        4,
        ("advisory_board", "curriculum_review", "other", "mentoring"),
        "Offered to broker introductions to small and mid-sized employers who never get asked.",
    ),
    Interview(
        "state-mfg-alliance",
        "Graham Fletcher",
        245,
        "Statewide manufacturing trade association; 400 member companies, from five-person "
        "machine shops to Castellan.",
        "Vice President of Workforce Policy. Former plant manager who chairs the skills committee "
        "and the annual wage survey.",
        4,
        10,
        3,
        ("curriculum_review", "advisory_board", "other"),
        "Can push a call for partners to members; says the smaller ones are eager and never asked.",
    ),
    Interview(
        "women-in-trades",
        "Marisol Vega",
        110,
        "Nonprofit pre-apprenticeship and mentoring network for women entering construction; "
        "about 300 active members.",
        "Executive Director. Journeyman electrician and pre-apprenticeship instructor.",
        5,
        14,
        3,
        ("mentoring", "guest_instruction", "apprenticeship", "other"),
        None,
    ),
    Interview(
        "port-alder-networks",
        "Ikaika Kealoha",
        160,
        "Regional internet provider: fiber to the home, fixed wireless and business circuits "
        "across six coastal counties.",
        "Field Operations Supervisor. Fiber splicer by background; trains every new field "
        "technician.",
        4,
        12,
        2,
        ("job_shadow", "internship_host", "apprenticeship", "guest_instruction"),
        "Would hire fiber techs straight out of high school if they have a driver's license and "
        "can climb.",
    ),
    Interview(
        "harbor-marine-fab",
        "Lars Eriksen",
        190,
        "Aluminum boatbuilding and repair yard: workboats, fireboats, research vessels.",
        "Production Manager. Certified aluminum welder who schedules all hull work.",
        3,
        8,
        2,
        ("job_shadow", "apprenticeship", "equipment"),
        "Has scrap aluminum plate to give away to any welding program that will pick it up.",
    ),
    Interview(
        "coastal-wind",
        "Fiona MacLeod",
        130,
        "Developing a floating offshore wind project; years from construction, currently "
        "engineering, permitting and community engagement.",
        "Community & Workforce Liaison. Planning the future operations-and-maintenance workforce; "
        "familiar with GWO training standards.",
        5,
        10,
        2,
        ("advisory_board", "curriculum_review", "guest_instruction", "teacher_externship"),
        "Very eager to shape wind technician curricula now, but there are few actual technicians "
        "on staff yet.",
    ),
    Interview(
        "north-coast-cc",
        "Samuel Osei",
        205,
        "Three-campus community college offering wind technology, construction management, LVN "
        "and general education.",
        "Wind Technology Program Chair. Former turbine technician.",
        3,
        12,
        2,
        ("curriculum_review", "guest_instruction", "equipment", "advisory_board"),
        "Campuses are 150 miles apart; anything in person has to happen at the Port Alder campus.",
    ),
    Interview(
        "harbor-point-usd",
        "Patrick Dunleavy",
        220,
        "K-12 district whose Building Trades Academy teaches carpentry, electrical and plumbing "
        "basics in a renovated cannery.",
        "Building Trades Academy Lead. Former carpenter, NCCER instructor and SkillsUSA advisor.",
        3,
        4,
        1,
        ("equipment", "other"),
        "Can share the academy shop with the college in the evenings.",
    ),
    Interview(
        "north-coast-edc",
        "Rebecca Stein",
        100,
        "Regional economic-development nonprofit: business attraction, small-business lending and "
        "the North Coast Youth Apprenticeship Program.",
        "Youth Apprenticeship Manager. Handles the registered-apprenticeship sponsor paperwork "
        "and recruits employers.",
        4,
        15,
        3,
        ("advisory_board", "other", "mentoring"),
        None,
    ),
    Interview(
        "port-alder-harbor",
        "Javier Soto",
        240,
        "Public port authority running a container terminal, fishing docks and a small-boat "
        "harbor.",
        "Maintenance Superintendent. Heavy-duty mechanic and certified crane inspector.",
        3,
        8,
        2,
        ("job_shadow", "internship_host", "work_based_learning"),
        "Public-agency hiring rules make paid internships slow to set up; unpaid shadow days are "
        "easy.",
    ),
    Interview(
        "tule-creek-genomics",
        "Bao Nguyen",
        185,
        "Plant genomics company breeding nut-tree rootstocks, with greenhouses, a tissue-culture "
        "lab and a small bioinformatics team.",
        "Greenhouse Operations Lead. Tissue culture and plant propagation.",
        4,
        8,
        2,
        ("job_shadow", "internship_host", "guest_instruction"),
        None,
    ),
    Interview(
        "valley-oak-senior",
        "Esperanza Cruz",
        125,
        "Assisted living and memory care in four communities housing about 400 residents.",
        "Director of Nursing. RN who runs the company's in-house CNA training program.",
        4,
        12,
        3,
        ("work_based_learning", "job_shadow", "mentoring"),
        "Will hire any student who finishes CNA clinicals with them.",
    ),
    Interview(
        "delta-packaging",
        "Gustavo Pereira",
        410,
        "Corrugated and molded-fiber packaging plant running three shifts during harvest.",
        "Maintenance Manager. Industrial maintenance mechanic; troubleshoots PLCs and hydraulics.",
        2,
        4,
        1,
        ("job_shadow", "equipment"),
        "Busy season runs July to November; only available in spring.",
    ),
    Interview(
        "ruiz-electric",
        "Catalina Ruiz",
        160,
        "Commercial and agricultural electrical contractor with a growing solar-plus-storage "
        "practice; 55 electricians.",
        "Co-owner and Operations Manager. Estimator and solar designer.",
        5,
        16,
        3,
        (
            "job_shadow",
            "apprenticeship",
            "guest_instruction",
            "work_based_learning",
            "advisory_board",
        ),
        "Loves to host. Three former students are now apprentices with the company.",
    ),
    Interview(
        "valleyline-cu",
        None,
        215,
        "Credit union with 23 branches and in-house IT, cybersecurity and fraud analytics.",
        "IT Director (not yet in the CRM). Manages a team of twelve across infrastructure, "
        "security and analytics.",
        3,
        6,
        1,
        ("mentoring", "guest_instruction", "internship_host"),
        None,
    ),
    Interview(
        "delta-springs-usd",
        None,
        230,
        "K-12 district of 18,000 students with biotech and agriculture academies.",
        "Assistant Superintendent for Educational Services; oversees CTE and Perkins funding.",
        2,
        3,
        1,
        ("other",),
        "Primarily a requester; could host a regional curriculum meeting.",
    ),
    Interview(
        "cv-health-collab",
        "Thandiwe Dlamini",
        145,
        "Healthcare workforce intermediary that brokers clinical placements and funds clinical "
        "instructors.",
        "Program Director. Labor market analysis and grant management.",
        4,
        10,
        2,
        ("advisory_board", "other", "curriculum_review"),
        "Can see where every clinical slot in the valley goes and offered to share the data.",
    ),
    Interview(
        "valley-dot",
        "Vanessa Orozco",
        175,
        "State transportation district: highway maintenance, construction oversight and "
        "engineering.",
        "Workforce & Training Officer. Manages student assistant and internship positions.",
        3,
        10,
        3,
        ("internship_host", "job_shadow", "work_based_learning"),
        "Paid student assistant positions exist but take sixty days to process.",
    ),
    Interview(
        "millbrook-tool",
        "Paula Kowalski",
        150,
        "Tool and die shop building progressive stamping dies, with wire EDM and precision "
        "grinding; forty employees.",
        "President. Die designer and third-generation owner.",
        4,
        10,
        2,
        ("job_shadow", "apprenticeship", "internship_host"),
        "Wants to be asked more — says everyone calls Castellan first.",
    ),
    Interview(
        "orrin-bioprocess",
        "Soo-ah Kang",
        135,
        "Contract pilot-scale fermentation and purification for biotech startups.",
        "Process Development Scientist. Fermentation, chromatography and design of experiments.",
        4,
        10,
        2,
        ("internship_host", "job_shadow", "guest_instruction", "equipment"),
        None,
    ),
    Interview(
        "greyfield-it",
        "Brianna Foster",
        165,
        "Managed IT for about 300 small businesses and rural clinics: help desk, networking, "
        "backups.",
        "Service Desk Manager. CompTIA A+ and ITIL; trains every new help-desk hire.",
        5,
        14,
        3,
        ("internship_host", "mentoring", "job_shadow", "work_based_learning"),
        "Hires from local certificate programs and would take two interns a semester.",
    ),
    Interview(
        "keelson-civil",
        "Hyun-woo Lee",
        395,
        "Heavy civil contractor building bridges, levees and highways.",
        "Survey Manager. GNSS surveying and construction staking.",
        3,
        6,
        1,
        ("job_shadow", "guest_instruction", "internship_host"),
        "Crews travel; anything has to happen within thirty miles of the yard in Keel Ferry.",
    ),
    Interview(
        "riverbend-ps",
        "Bethany Lund",
        190,
        "K-12 district whose engineering and manufacturing courses feed Riverbend CC.",
        "Engineering Teacher. Project Lead The Way, CAD, robotics coach.",
        3,
        4,
        1,
        ("equipment", "other"),
        "Can loan 3D printers over the summer.",
    ),
    Interview(
        "rv-workforce",
        "Tim Okonkwo",
        120,
        "Workforce board for four river counties running the job centers and Summer Earn & Learn.",
        "Youth Programs Director. Places about 400 young adults a summer.",
        4,
        12,
        3,
        ("advisory_board", "other", "mentoring"),
        None,
    ),
    Interview(
        "riverbend-youth-works",
        "Jorge Villanueva",
        80,
        "YouthBuild-style program where young adults earn diplomas while rehabbing vacant houses.",
        "Construction Training Manager. Licensed general contractor and OSHA 10 trainer.",
        4,
        8,
        2,
        ("mentoring", "guest_instruction", "job_shadow"),
        None,
    ),
    Interview(
        "high-desert-steel",
        "Rahul Iyer",
        200,
        "Structural steel fabrication and erection with about ninety welders and fitters.",
        "Shop Manager. AWS D1.1 certified welder and Tekla detailer.",
        4,
        12,
        2,
        ("job_shadow", "equipment", "apprenticeship", "curriculum_review"),
        "Donates plate and coupons to the career center; wants certification tests that match the "
        "shop's own.",
    ),
    Interview(
        "sagebrush-data",
        None,
        155,
        "Forty-megawatt colocation data center campus.",
        "Critical facilities lead (interviewed with HR). UPS systems, chillers and generators.",
        3,
        6,
        1,
        ("job_shadow", "guest_instruction", "teacher_externship"),
        "Visitor security clearance takes three weeks.",
    ),
    Interview(
        "desert-vista-medical",
        "Sara Abebe",
        210,
        "Regional medical center with 90 beds, surgery, labor and delivery and an emergency "
        "department; the main clinical site for Sierra Alta nursing.",
        "Chief Nursing Officer. Workforce planning and preceptor programs.",
        5,
        24,
        4,
        ("work_based_learning", "job_shadow", "mentoring", "advisory_board", "internship_host"),
        "Would rather grow nurses locally than pay travel nurses; wants more students, not fewer.",
    ),
    Interview(
        "sierra-alta-college",
        "Isabella Moreno",
        235,
        "Rural community college offering nursing, allied health, solar technology and an online "
        "IT degree.",
        "Director of Nursing & Allied Health. ADN program administration and clinical site "
        "recruitment.",
        4,
        12,
        2,
        ("curriculum_review", "guest_instruction", "advisory_board", "other"),
        None,
    ),
    Interview(
        "sierra-alta-usd",
        "Olusegun Adeyemi",
        160,
        "Runs the High Desert Career Center on behalf of five districts.",
        "Principal of the career center. Master scheduling and CTE credentialing.",
        3,
        4,
        1,
        ("equipment", "other"),
        None,
    ),
    Interview(
        "hd-chamber",
        "Keoni Kahale",
        105,
        "Chamber of commerce for about 350 High Desert businesses.",
        "Executive Director. Member relations and events.",
        4,
        8,
        2,
        ("other", "advisory_board", "guest_instruction"),
        "Will recruit classroom speakers from the membership.",
    ),
)

# --------------------------------------------------------------------------------------------
# Needs (participant profiles): what each program is asking for.
# --------------------------------------------------------------------------------------------

NEEDS: tuple[Need, ...] = (
    Need(
        "riverbend-mechatronics-summer-interns",
        P_MECHATRONICS,
        "Summer mechatronics internships (10 weeks)",
        "Second-year Mechatronics Pathway students need paid summer placements where they "
        "troubleshoot real automated equipment — PLC-controlled cells, conveyors, robot work "
        "cells — alongside a maintenance or controls technician. Filling these completes the "
        "pathway's work-based learning requirement and gives employers a ten-week look at likely "
        "hires.",
        "Industrial maintenance or controls technicians willing to supervise a student on live "
        "equipment.",
        (
            "PLC troubleshooting",
            "industrial electricity",
            "preventive maintenance",
            "lockout/tagout",
            "industrial robotics",
        ),
        ("employer",),
        ("advanced_manufacturing", "energy"),
        RVA,
        "internship_host",
        120,
        6,
        45,
        115,
        "open",
    ),
    Need(
        "riverbend-mechatronics-plc-trainers",
        P_MECHATRONICS,
        "Loaned or donated PLC trainers and servo kits",
        "The mechatronics lab has one working PLC trainer for every four students. The pathway is "
        "looking for surplus Allen-Bradley or Siemens controllers, servo drives and sensor kits — "
        "working, not necessarily current-generation — to build six more benches. A long-term "
        "loan is as good as a donation.",
        "Access to surplus automation hardware and someone who can confirm it works before it "
        "ships.",
        ("Allen-Bradley ControlLogix", "Siemens S7-1200", "servo drives", "control panel building"),
        ("employer", "intermediary"),
        ("advanced_manufacturing",),
        RVA,
        "equipment",
        10,
        3,
        20,
        200,
        "open",
    ),
    Need(
        "riverbend-mechatronics-advisory",
        P_MECHATRONICS,
        "Mechatronics Pathway industry advisory board",
        "Five industry seats on the pathway's advisory board, meeting quarterly to review course "
        "outcomes, equipment purchases and the internship model. The board is required for state "
        "program approval; this year's seats are taken.",
        "Plant, maintenance or engineering managers who hire technicians.",
        ("workforce planning", "industrial automation", "technician hiring"),
        ("employer", "intermediary"),
        ("advanced_manufacturing", "energy"),
        RVA,
        "advisory_board",
        16,
        5,
        -120,
        245,
        "filled",
    ),
    Need(
        "lincoln-health-shadow-days",
        P_HEALTH,
        "Spring job-shadow days for Health Academy juniors",
        "About sixty juniors each spend one day following a nurse, imaging technologist, "
        "pharmacist or therapist. Students have finished HIPAA and infection-control training, "
        "and a teacher travels with every group. A day on a real unit is what turns 'I like "
        "biology' into a concrete career plan; it is the academy's most requested experience.",
        "Clinical departments able to host two to four students for one day shift.",
        ("patient care", "radiologic technology", "pharmacy", "respiratory therapy", "HIPAA"),
        ("employer",),
        ("health_sciences",),
        CAP,
        "job_shadow",
        6,
        8,
        30,
        90,
        "open",
    ),
    Need(
        "lincoln-health-clinical-mentors",
        P_HEALTH,
        "Year-long mentors for Health Academy seniors",
        "Seniors on the CNA track are paired with a working healthcare professional who meets "
        "them monthly (video calls are fine), reviews their capstone project and helps with "
        "college and job applications. Mentored students are far more likely to pass the CNA exam "
        "and enroll in nursing or allied health.",
        "Nurses, therapists, technicians or healthcare administrators with two hours a month.",
        ("nursing", "career coaching", "allied health", "capstone advising"),
        ("employer", "college"),
        ("health_sciences",),
        CAP,
        "mentoring",
        20,
        4,
        14,
        180,
        "open",
    ),
    Need(
        "lincoln-health-anatomy-guests",
        P_HEALTH,
        "Guest lessons for anatomy & physiology",
        "Practitioners each taught one class period on how the body system the class was studying "
        "shows up in their daily work: a cardiac sonographer during the cardiovascular unit, a "
        "physical therapist during musculoskeletal.",
        "Clinicians comfortable in front of thirty tenth-graders.",
        ("human anatomy", "echocardiography", "physical therapy", "public speaking"),
        ("employer", "college"),
        ("health_sciences",),
        CAP,
        "guest_instruction",
        4,
        3,
        -200,
        -150,
        "closed",
    ),
    Need(
        "capital-externships-summer",
        P_EXTERNSHIP,
        "Summer teacher externships (three weeks)",
        "High-school CTE and academic teachers spend three paid weeks inside a local employer, "
        "then build a classroom unit from what they saw. Hosts provide a real project and a point "
        "person; the initiative pays the teacher's stipend. One hosted teacher reaches every "
        "student they teach for years afterwards.",
        "Employers with a defined project a teacher can contribute to in three weeks.",
        ("project scoping", "supervision", "data analysis", "process improvement"),
        ("employer", "agency"),
        (
            "advanced_manufacturing",
            "information_technology",
            "health_sciences",
            "construction",
            "energy",
        ),
        CAP,
        "teacher_externship",
        60,
        8,
        75,
        110,
        "open",
    ),
    Need(
        "capital-externships-winter",
        P_EXTERNSHIP,
        "Winter-break externship pilot",
        "A shorter externship over winter break for five teachers. Closed after the cohort "
        "finished; its lessons were folded into the summer model.",
        "Employers open and staffed during winter break.",
        ("supervision", "process documentation"),
        ("employer", "agency"),
        ("information_technology", "health_sciences"),
        CAP,
        "teacher_externship",
        40,
        5,
        -330,
        -300,
        "closed",
    ),
    Need(
        "harbor-trades-preapprenticeship",
        P_TRADES,
        "Pre-apprenticeship slots with a contractor or union",
        "Graduating seniors from the Building Trades Academy complete a state-approved "
        "pre-apprenticeship with a contractor or union training center, which earns them direct "
        "entry into a carpentry, electrical or laborers apprenticeship. Each partner takes one or "
        "two students for the summer and into the fall.",
        "Contractors or joint apprenticeship committees with journey-level supervision on site.",
        ("carpentry", "NCCER Core", "OSHA 10", "blueprint reading", "concrete forming"),
        ("employer", "community_org"),
        ("construction",),
        NCO,
        "apprenticeship",
        80,
        4,
        60,
        240,
        "open",
    ),
    Need(
        "harbor-trades-tool-crib",
        P_TRADES,
        "Power tools and fall-protection gear for the academy",
        "The academy's tool crib is worn out. It needs framing nailers, cordless drill/driver "
        "kits, harnesses and hard hats for forty students, plus someone to tell the teacher which "
        "brands local crews actually use.",
        "Contractors or suppliers with surplus or discounted tools.",
        ("tool maintenance", "fall protection", "jobsite safety"),
        ("employer", "college", "community_org"),
        ("construction",),
        NCO,
        "equipment",
        8,
        2,
        10,
        300,
        "open",
    ),
    Need(
        "harbor-trades-site-visits",
        P_TRADES,
        "Jobsite visits for ninth-graders",
        "Small groups of first-year academy students spend half a day on an active jobsite to see "
        "how the trades follow one another on a real project. The visit helps freshmen choose "
        "between the carpentry, electrical and plumbing strands.",
        "Superintendents or safety staff who can walk eight to ten students through a site.",
        ("site safety", "construction sequencing", "public speaking"),
        ("employer",),
        ("construction", "energy"),
        NCO,
        "job_shadow",
        5,
        6,
        25,
        120,
        "open",
    ),
    Need(
        "sierra-alta-clinical-placements",
        P_NURSING,
        "Clinical placements for second-year nursing students",
        "The ADN program needs 96-hour medical-surgical and pediatric placements with a trained "
        "preceptor for its spring cohort. Without new sites the college will cap enrollment at 32 "
        "instead of 40, in a region that already depends on travel nurses.",
        "Hospitals or clinics with RN preceptors.",
        ("med-surg nursing", "pediatric nursing", "precepting", "EHR documentation"),
        ("employer",),
        ("health_sciences",),
        HDE,
        "work_based_learning",
        96,
        6,
        40,
        150,
        "open",
    ),
    Need(
        "sierra-alta-sim-equipment",
        P_NURSING,
        "Retired IV pumps, beds and a simulation manikin",
        "Retired IV pumps, two hospital beds and a mid-fidelity manikin would let the allied "
        "health lab run realistic scenarios for medical assistant and CNA students instead of "
        "role-playing on classroom chairs.",
        "Hospitals or clinics replacing equipment.",
        ("biomedical equipment", "clinical simulation", "clinical skills"),
        ("employer",),
        ("health_sciences",),
        HDE,
        "equipment",
        6,
        2,
        None,
        None,
        "open",
    ),
    Need(
        "sierra-alta-advisory",
        P_NURSING,
        "Nursing & Allied Health advisory committee",
        "A twice-yearly committee that reviews program outcomes, NCLEX pass rates and local "
        "clinical needs; accreditation requires it.",
        "Nurse leaders, clinic managers and allied health supervisors.",
        ("nursing leadership", "accreditation", "workforce planning"),
        ("employer", "intermediary"),
        ("health_sciences",),
        HDE,
        "advisory_board",
        8,
        4,
        10,
        375,
        "open",
    ),
    Need(
        "cv-cyber-soc-internships",
        P_CYBER,
        "Security operations internships",
        "Students who have passed Security+ need a summer inside a security operations center or "
        "IT department: triaging alerts, patching, writing up incidents. A good placement often "
        "turns straight into a junior analyst offer.",
        "SOC analysts or IT security staff who can supervise an intern.",
        ("SIEM", "incident triage", "CompTIA Security+", "Windows Server", "network monitoring"),
        ("employer", "agency"),
        ("information_technology", "finance"),
        CVA,
        "internship_host",
        100,
        5,
        50,
        120,
        "open",
    ),
    Need(
        "cv-cyber-curriculum-review",
        P_CYBER,
        "Industry review of the cybersecurity certificate",
        "Reviewers check the four-course certificate sequence against current job postings and "
        "the NICE framework. Three reviewers are marking up the syllabi now.",
        "Security practitioners or hiring managers.",
        ("NICE framework", "cloud security", "SOC operations"),
        ("employer", "college"),
        ("information_technology",),
        CVA,
        "curriculum_review",
        12,
        3,
        -45,
        15,
        "filled",
    ),
    Need(
        "clean-energy-apprentice-seats",
        P_CLEAN_ENERGY,
        "Lineworker and solar technician apprenticeship seats",
        "The network places graduates of college pre-apprenticeship programs into registered "
        "apprenticeships with utilities and energy contractors. Each seat needs an employer "
        "sponsor and a journey-level mentor; three to four years later it produces a credentialed "
        "lineworker or PV technician.",
        "Registered apprenticeship sponsors in utilities, solar or electrical contracting.",
        (
            "overhead line construction",
            "PV installation",
            "NFPA 70E",
            "pole climbing",
            "CDL Class A",
        ),
        ("employer",),
        ("energy", "construction"),
        None,
        "apprenticeship",
        120,
        4,
        90,
        455,
        "open",
    ),
    Need(
        "clean-energy-standards-review",
        P_CLEAN_ENERGY,
        "Review of the statewide clean-energy skill standards",
        "Reviewers compared the draft energy-sector skill standards with what technicians "
        "actually do on the job. Closed once the standards were adopted.",
        "Energy technicians and trainers.",
        ("battery storage", "solar O&M", "grid operations"),
        ("employer", "college", "intermediary"),
        ("energy",),
        None,
        "curriculum_review",
        16,
        4,
        -260,
        -220,
        "closed",
    ),
    Need(
        "delta-biotech-lab-internships",
        P_BIOTECH,
        "Summer lab internships for Biotech Academy seniors",
        "Six-week summer internships in a QC, research or greenhouse lab for seniors who have "
        "finished the academy's lab techniques course. Each student needs an adult mentor and "
        "real tasks: media prep, plating, sample logging. Many will be the first in their "
        "families to work in a lab.",
        "Lab supervisors in biotech, agriculture or diagnostics.",
        ("aseptic technique", "micropipetting", "solution preparation", "lab notebooks", "PCR"),
        ("employer", "college"),
        ("biotech", "agriculture", "health_sciences"),
        CVA,
        "internship_host",
        90,
        4,
        55,
        110,
        "open",
    ),
    Need(
        "delta-biotech-lab-equipment",
        P_BIOTECH,
        "Micropipettes, centrifuges and a biosafety cabinet",
        "A second lab classroom opened this year with empty benches. Donated or loaned equipment "
        "lets two sections run wet labs on the same day. Two partners have covered it.",
        "Labs replacing equipment.",
        ("lab equipment maintenance", "calibration"),
        ("employer", "college"),
        ("biotech",),
        CVA,
        "equipment",
        6,
        2,
        -90,
        90,
        "filled",
    ),
    Need(
        "nc-youth-apprentice-mentors",
        P_YOUTH,
        "Workplace mentors for youth apprentices",
        "Every 16- to 18-year-old apprentice needs a named mentor at the worksite who checks in "
        "weekly and signs off competencies; the program trains mentors in a two-hour session. A "
        "good mentor is the single biggest factor in whether a youth apprentice finishes.",
        "Experienced employees in any trade or profession with patience for teenagers.",
        ("coaching", "competency sign-off", "workplace safety"),
        ("employer", "agency", "intermediary"),
        (),
        NCO,
        "mentoring",
        24,
        6,
        20,
        200,
        "open",
    ),
    Need(
        "nc-youth-paid-placements",
        P_YOUTH,
        "Paid part-time work-based learning placements",
        "Juniors and seniors work ten to fifteen paid hours a week during the school year at a "
        "North Coast employer in healthcare, IT, manufacturing or the maritime trades, and earn "
        "school credit for the hours.",
        "Employers able to schedule after-school shifts.",
        ("customer service", "entry-level technical work", "time management"),
        ("employer", "agency"),
        (
            "health_sciences",
            "information_technology",
            "advanced_manufacturing",
            "transportation_logistics",
        ),
        NCO,
        "work_based_learning",
        80,
        8,
        40,
        130,
        "open",
    ),
    Need(
        "hd-welding-certification-day",
        P_WELDING,
        "Judges and proctors for the welding certification day",
        "Each spring the career center tests about fifty students to AWS D1.1 plate bend "
        "standards. It needs certified welding inspectors or senior welders to proctor, judge "
        "bends and tell students what shops look for in a new hire.",
        "CWIs or senior welders.",
        ("AWS D1.1", "visual weld inspection", "bend testing", "SMAW", "FCAW"),
        ("employer", "college"),
        ("advanced_manufacturing", "construction"),
        HDE,
        "other",
        8,
        3,
        35,
        36,
        "open",
    ),
    Need(
        "hd-welding-shop-demos",
        P_WELDING,
        "Guest demonstrations in the welding shop",
        "Fabricators demonstrated processes the career center cannot afford to teach — robotic "
        "welding, a CNC plasma table — to second-year students.",
        "Fabricators with portable equipment.",
        ("robotic welding", "CNC plasma cutting", "fabrication"),
        ("employer",),
        ("advanced_manufacturing",),
        HDE,
        "guest_instruction",
        5,
        3,
        -180,
        -120,
        "closed",
    ),
    Need(
        "carver-software-code-review",
        P_SOFTWARE,
        "Code-review mentors for Software Academy juniors",
        "Juniors build a semester-long web project in teams of four. Each team needs a "
        "professional developer who reviews pull requests every two weeks and joins two demo "
        "days. Students learn more from one honest review than from a month of lectures.",
        "Working software engineers.",
        ("Git", "code review", "JavaScript", "Python", "automated testing"),
        ("employer", "college"),
        ("information_technology",),
        CAP,
        "mentoring",
        30,
        5,
        15,
        150,
        "open",
    ),
    Need(
        "carver-software-capstone-clients",
        P_SOFTWARE,
        "Real clients for senior capstone projects",
        "Senior teams need a real organization to build for — an internal tool, a data dashboard, "
        "a volunteer scheduling app — and someone who meets them every other week as the client. "
        "Students leave with a portfolio piece; the partner gets working software.",
        "A product owner with a small, well-scoped software need.",
        ("product management", "requirements writing", "user testing"),
        ("employer", "community_org", "college"),
        ("information_technology", "finance", "public_service"),
        CAP,
        "work_based_learning",
        24,
        6,
        30,
        150,
        "open",
    ),
    Need(
        "rv-summer-worksites",
        P_SUMMER,
        "Summer Earn & Learn worksites",
        "Young adults aged 16 to 24 work six paid weeks at a River Valley host site (the "
        "workforce board covers wages), with a supervisor who gives feedback and a final "
        "evaluation. Many have never held a job; hosts get a no-cost trial of a potential hire.",
        "Any employer or public agency with a supervisor and real work to do.",
        (
            "supervision",
            "onboarding",
            "entry-level manufacturing",
            "office support",
            "customer service",
        ),
        ("employer", "agency", "community_org"),
        (),
        RVA,
        "internship_host",
        120,
        8,
        60,
        105,
        "open",
    ),
    Need(
        "rv-summer-shadow-days",
        P_SUMMER,
        "Career exploration shadow days",
        "Participants spend a day shadowing in a field they picked at intake before choosing a "
        "summer worksite. Every slot in this round is booked.",
        "Workers who can host one participant for a day.",
        ("career exploration", "workplace tours"),
        ("employer", "agency", "community_org"),
        (),
        RVA,
        "job_shadow",
        6,
        8,
        -30,
        20,
        "filled",
    ),
    Need(
        "state-cte-framework-review",
        P_STATE,
        "Industry review of revised CTE model curricula",
        "The state is revising model curricula for twelve CTE pathways. A reviewer reads one "
        "pathway's standards (about forty pages), marks what is outdated, missing or unrealistic, "
        "and joins one two-hour call. Reviewed frameworks go to the state board in the fall.",
        "Practitioners or trainers in any CTE pathway sector.",
        ("standards review", "industry certifications", "technical writing"),
        ("employer", "college", "intermediary"),
        (),
        None,
        "curriculum_review",
        20,
        8,
        10,
        70,
        "open",
    ),
    Need(
        "state-cte-industry-council",
        P_STATE,
        "Statewide industry advisory council seats",
        "Six seats on a council advising the state CTE office on which credentials to fund. It "
        "meets quarterly, online. One statewide council could replace many of the duplicate "
        "regional boards employers complain about.",
        "Senior leaders in high-demand sectors.",
        ("workforce strategy", "credential evaluation", "labor market analysis"),
        ("employer", "intermediary", "college"),
        (),
        None,
        "advisory_board",
        24,
        6,
        30,
        395,
        "open",
    ),
)

# --------------------------------------------------------------------------------------------
# Load: how many asks each partner received over the year. The first seven are the heavy
# hitters; the number after each is how many of their asks are accepted and running today.
# --------------------------------------------------------------------------------------------

HEAVY_HITTERS: dict[str, tuple[int, int]] = {
    "meridian-health": (56, 6),
    "castellan-aero": (50, 5),
    "riverbend-cc": (44, 5),
    "kestrel-cloud": (41, 4),
    "sunridge-power": (39, 4),
    "tidewater-construction": (35, 4),
    "larkspur-bio": (31, 4),
}

ASKS: dict[str, int] = {
    # Medium partners: a handful each.
    "st-brendan-hospital": 8,
    "capital-city-college": 7,
    "praxis-motion": 7,
    "desert-vista-medical": 7,
    "port-alder-networks": 6,
    "north-coast-cc": 6,
    "alta-mesa-solar": 6,
    "delta-springs-tech": 5,
    "ruiz-electric": 5,
    "millbrook-tool": 5,
    "capital-wdb": 5,
    "greyfield-it": 5,
    "orrin-bioprocess": 5,
    "sierra-alta-college": 5,
    "high-desert-steel": 5,
    "valley-oak-senior": 4,
    "coastal-wind": 4,
    "civic-stack": 4,
    "cellvane-dx": 4,
    "keelson-civil": 4,
    # Light partners.
    "harbor-marine-fab": 3,
    "saltmarsh-bio": 3,
    "blue-heron-homes": 3,
    "tule-creek-genomics": 3,
    "delta-packaging": 3,
    "quillen-foundry": 3,
    "riverbend-ortho": 3,
    "sagebrush-data": 3,
    "summit-ridge-mech": 3,
    "lindenwood-peds": 3,
    "brightfield-energy": 3,
    "fairhaven-cc": 3,
    "millbrook-tech": 3,
    "port-alder-tech": 3,
    "state-mfg-alliance": 3,
    "rv-workforce": 3,
    "north-coast-edc": 3,
    "hd-chamber": 3,
    "cv-health-collab": 3,
    "women-in-trades": 3,
    "valley-dot": 3,
    "port-alder-harbor": 3,
    "juniper-clinic": 3,
    # Hardly ever asked.
    "capitol-glazing": 2,
    "valleyline-cu": 2,
    "ironwood-medical": 2,
    "red-mesa-battery": 2,
    "riverbend-youth-works": 2,
    "cv-biogas": 1,
    "fairhaven-orchards": 1,
    "cinder-labs": 1,
    "crossroads-freight": 1,
    "carver-city-schools": 1,
    "harbor-point-usd": 1,
    "delta-springs-usd": 1,
    "riverbend-ps": 1,
    "sierra-alta-usd": 1,
    "lincoln-usd": 0,
    "port-alder-sd": 0,
    "fairhaven-jusd": 0,
    "juniper-flats-sd": 0,
} | {key: asks for key, (asks, _) in HEAVY_HITTERS.items()}

# --------------------------------------------------------------------------------------------
# Temperature checks
# --------------------------------------------------------------------------------------------

# The heavy hitters' year, oldest first: (days ago, satisfaction, comment).
HEAVY_HITTER_CHECKS: dict[str, tuple[tuple[int, int, str | None], ...]] = {
    "meridian-health": (
        (
            350,
            5,
            "Glad to be the first call. Shadow days ran smoothly and the students came well "
            "prepared.",
        ),
        (305, 5, None),
        (
            262,
            4,
            "Still positive, but the Health Academy and the nursing program both booked the same "
            "surgical floor in October.",
        ),
        (214, 4, None),
        (
            170,
            3,
            "Three different programs called us the same week about summer placements. We would "
            "love one shared calendar.",
        ),
        (
            121,
            3,
            "Our nurse educators are covering shifts, and volunteering is the first thing to go.",
        ),
        (
            68,
            2,
            "Honestly, we say no more often than yes now. Nobody seems to know what the other "
            "programs already asked us for.",
        ),
        (
            19,
            2,
            "Asked to pause new requests until fall. Please don't read that as losing interest — "
            "we are out of people.",
        ),
    ),
    "castellan-aero": (
        (340, 5, "The mechatronics interns were the best cohort we've had."),
        (290, 4, None),
        (
            248,
            4,
            "Fine overall. The externship teachers needed more safety orientation than we planned "
            "for.",
        ),
        (
            199,
            4,
            "Happy to keep doing this, but shop tours for every middle school in the county are "
            "not sustainable.",
        ),
        (
            150,
            3,
            "The delivery ramp started; CNC supervisors have no slack for students right now.",
        ),
        (102, 3, None),
        (
            57,
            2,
            "Four requests in one week, two of them for the same machinist. We said no to all "
            "four.",
        ),
        (
            12,
            2,
            "Still committed to Riverbend's pathway. Everything else is on hold until the "
            "overtime ends.",
        ),
    ),
    "kestrel-cloud": (
        (335, 5, "Love the energy from the cyber consortium students."),
        (280, 4, "The internships went well; we'd prefer fewer, longer placements."),
        (231, 4, None),
        (
            182,
            3,
            "The same eight engineers get tapped for every mentoring ask. Two asked to come off "
            "the list.",
        ),
        (140, 3, "The hiring freeze makes it awkward to host interns we can't hire."),
        (95, 2, "Three programs pitched nearly identical capstone projects to us this month."),
        (44, 2, None),
        (
            8,
            2,
            "Please coordinate through Hannah only. Cold emails to engineers are being ignored "
            "now, and that's deliberate.",
        ),
    ),
    "riverbend-cc": (
        (358, 5, "Faculty want to be involved — keep the requests coming."),
        (318, 5, None),
        (
            271,
            4,
            "Curriculum reviews for three districts overlapped with our own program review. "
            "Tight, but doable.",
        ),
        (220, 4, None),
        (
            176,
            3,
            "Victor has been asked onto four advisory boards this year on top of an overload "
            "teaching schedule.",
        ),
        (129, 3, "We need release time or stipends for this. It is turning into unpaid work."),
        (
            73,
            3,
            "The union raised it formally. Guest teaching is fine; more review panels are not.",
        ),
        (
            26,
            2,
            "Saying no to new review requests until spring. Route anything for the Mechatronics "
            "Pathway through Elena.",
        ),
    ),
    "sunridge-power": (
        (345, 5, "The apprenticeship info sessions were packed. Great partnership."),
        (298, 5, None),
        (
            255,
            4,
            "Crews enjoyed career day, though two programs booked the same line crew on "
            "back-to-back days.",
        ),
        (208, 4, None),
        (160, 3, "Storm season. We warned everyone, and still got six requests in December."),
        (112, 3, "Our K-12 outreach budget is spent for the year."),
        (
            61,
            2,
            "We keep getting asked to 'just come talk' by programs that don't feed our "
            "apprenticeship at all.",
        ),
        (
            15,
            3,
            "The spring calendar has room for a few things. Please send one consolidated list, "
            "not separate emails.",
        ),
    ),
    "tidewater-construction": (
        (330, 4, "Academy students did good work on the framing project."),
        (284, 4, None),
        (236, 4, "Happy with the pre-apprentices we hired."),
        (
            192,
            3,
            "Five advisory boards meeting about the same thing. We can't send a superintendent to "
            "all of them.",
        ),
        (147, 3, None),
        (
            99,
            2,
            "Our safety manager spent more time on student orientations last month than on our "
            "own crews.",
        ),
        (
            52,
            2,
            "Declined most asks this quarter. Nothing personal; the hospital job has us "
            "short-staffed.",
        ),
        (10, 2, "We would gladly trade all these boards for one regional trades board."),
    ),
    "larkspur-bio": (
        (
            325,
            5,
            "The Biotech Academy tour went great; the students asked sharp questions about "
            "cleanrooms.",
        ),
        (270, 4, None),
        (
            226,
            4,
            "Strong interns. Gowning qualification takes longer than a two-week placement allows.",
        ),
        (181, 4, None),
        (
            133,
            3,
            "We're the only GMP site anyone in the valley can think of, so every program calls us.",
        ),
        (88, 3, "Had to turn away two college programs because we had no trained escorts left."),
        (
            41,
            2,
            "Too many asks, too little lead time. Three requests landed for the same week in "
            "March.",
        ),
        (6, 2, None),
    ),
}

# Comments for everyone else, by satisfaction; each is used at most once.
CHECK_COMMENTS: dict[int, tuple[str, ...]] = {
    5: (
        "Great experience; the students were curious and well prepared.",
        "The teacher who spent two weeks with us is already using our production data in her "
        "lessons.",
        "Easy to work with: clear schedule, clear expectations.",
        "Our techs volunteered to do it again next year.",
        "Best intern we've had. We offered him a part-time job.",
        "Loved being asked. Nobody ever thinks of a company our size.",
        "The advisory meeting was short and focused, and they actually acted on our feedback.",
        "The handwritten thank-you notes from the class are pinned up in the break room.",
        "Smooth from start to finish.",
        "We hired one of last year's students after graduation.",
        "First time anyone asked us. It won't be the last if we have a say.",
        "Exactly the right size of ask for a small team.",
    ),
    4: (
        "Good overall; a little more notice before site visits would help.",
        "Students were great. The placement agreement paperwork took too long.",
        "Happy to keep going at the current pace.",
        "Worked well. A single point of contact at the school would make it easier.",
        "Fine. The guest lecture slot turned out shorter than promised.",
        "The mentoring pairs that met regularly did well; two fizzled out.",
        "Positive. We'd like to hear how the students do afterwards.",
        "Solid partnership. Summer works better for us than fall.",
        "No complaints, just busy.",
        "The curriculum review was useful; we hope our comments make it into the course.",
        "Interns needed more basic safety training up front but improved quickly.",
        "We'd take another intern if one is available.",
        "Good students. Parking for the school van was the hardest part.",
        "Well organized, and they kept to the time they asked for.",
    ),
    3: (
        "Mixed. Two students never showed up for their shadow day.",
        "OK, but the ask came with a one-week deadline.",
        "Not sure our input on the advisory board changes anything.",
        "Reasonable, but we're a small shop and it takes a lot of one person's time.",
        "Fine, though communication dropped off once the placement started.",
        "Some confusion about who was supervising the students on site.",
        "It's fine. We'd like asks that match what we actually do.",
        "Neutral. The equipment we lent came back missing parts.",
        "Scheduling was hard; the school calendar and our shifts don't line up.",
        "Workable. Insurance questions held things up for a month.",
    ),
    2: (
        "Frustrating. The program changed the dates twice.",
        "We were asked to review a curriculum that had already been approved.",
        "Nobody followed up after the event.",
        "Felt like a checkbox for their grant report.",
    ),
    1: ("Students were left without a school chaperone; we won't host again without one.",),
}

# --------------------------------------------------------------------------------------------
# Agreements
# --------------------------------------------------------------------------------------------

AGREEMENTS: tuple[Agreement, ...] = (
    Agreement(
        "meridian-health",
        "lincoln-health-shadow-days",
        "Meridian Health System hosts Health Academy job-shadow students; Lincoln USD recruits, "
        "prepares and accompanies them.",
        "Meridian assigns units, issues visitor badges, names a staff host for each student and "
        "sets the maximum number of students per shift. Lincoln USD verifies immunizations and TB "
        "screening, completes HIPAA orientation before the visit, and sends a teacher with every "
        "group.",
        -200,
        165,
        "active",
    ),
    Agreement(
        "meridian-health",
        "lincoln-health-anatomy-guests",
        "Meridian clinicians guest-teach in Lincoln USD anatomy and physiology classes.",
        "Meridian releases up to three clinicians for one class period each. Lincoln USD "
        "schedules the sessions, provides classroom equipment and covers parking.",
        -215,
        -150,
        "expired",
    ),
    Agreement(
        "castellan-aero",
        "riverbend-mechatronics-summer-interns",
        "Castellan Aerostructures hosts paid summer interns from the Riverbend CC Mechatronics "
        "Pathway.",
        "Castellan pays interns at its entry technician rate, assigns each a maintenance mentor, "
        "and completes the college's midpoint and final evaluations. Riverbend CC screens "
        "candidates, confirms OSHA 10 completion and handles academic credit.",
        -300,
        65,
        "active",
    ),
    Agreement(
        "riverbend-cc",
        None,
        "Articulation agreement: Riverbend Public Schools engineering courses count toward the "
        "Mechatronics Pathway certificate.",
        "Riverbend CC accepts a grade of B or better in Principles of Engineering and Digital "
        "Electronics for eight units of credit and reviews the alignment each spring. Riverbend "
        "Public Schools shares syllabi and end-of-course assessments and sends one teacher to the "
        "pathway's faculty meetings.",
        -360,
        370,
        "active",
    ),
    Agreement(
        "kestrel-cloud",
        "cv-cyber-curriculum-review",
        "Kestrel Cloud Systems reviews the Central Valley cybersecurity certificate sequence.",
        "Kestrel provides one senior engineer for up to twelve hours to annotate syllabi against "
        "current job requirements. The consortium supplies materials two weeks ahead and reports "
        "back which changes it adopted.",
        -45,
        15,
        "active",
    ),
    Agreement(
        "sunridge-power",
        "clean-energy-apprentice-seats",
        "Sunridge Power & Light sponsors registered lineworker apprentices referred by the Clean "
        "Energy Apprenticeship Network.",
        "Sunridge reserves four apprenticeship seats per intake for network graduates, provides "
        "journey-level mentors and reports progress quarterly. The network screens candidates, "
        "pays for CDL permits and provides pre-apprenticeship climbing school.",
        -150,
        580,
        "active",
    ),
    Agreement(
        "tidewater-construction",
        None,
        "Tidewater Construction Group holds a seat on the Harbor Point Building Trades Academy "
        "advisory board and hosts one site visit a semester.",
        "Tidewater sends a superintendent to four meetings a year and runs site orientations for "
        "visiting classes. Harbor Point USD supplies PPE and one chaperone per eight students. "
        "Tidewater ended the agreement early, citing staffing on the hospital project.",
        -380,
        -30,
        "terminated",
    ),
    Agreement(
        "larkspur-bio",
        "delta-biotech-lab-internships",
        "Larkspur Biologics hosts Delta Springs Biotech Academy seniors in its QC laboratory.",
        "Larkspur provides gowning training, a trained escort for every hour a student is inside "
        "a controlled area, and a final presentation slot. Delta Springs USD covers "
        "transportation and student insurance and ensures every intern is 18 by the start date.",
        55,
        110,
        "draft",
    ),
    Agreement(
        "st-brendan-hospital",
        "nc-youth-paid-placements",
        "St. Brendan Community Hospital employs youth apprentices in patient transport and "
        "central supply.",
        "St. Brendan pays apprentices, schedules them for ten to fifteen hours a week outside "
        "school hours and names a mentor for each. The council handles apprenticeship "
        "registration and school credit.",
        -100,
        130,
        "active",
    ),
    Agreement(
        "capital-city-college",
        None,
        "Dual enrollment: Capital City College faculty teach network administration sections at "
        "Carver City and Lincoln high schools.",
        "Capital City College supplies instructors, textbooks and transcripts. The districts "
        "provide classrooms and lab equipment and reimburse faculty travel.",
        -380,
        350,
        "active",
    ),
    Agreement(
        "praxis-motion",
        "riverbend-mechatronics-plc-trainers",
        "Praxis Motion Controls loans servo demonstration stands to the Riverbend CC mechatronics "
        "lab.",
        "Praxis delivers four working servo stands and one day of instructor training and keeps "
        "ownership of the hardware. Riverbend CC insures the equipment and returns it on request "
        "with 60 days' notice.",
        20,
        200,
        "draft",
    ),
    Agreement(
        "desert-vista-medical",
        "sierra-alta-clinical-placements",
        "Clinical affiliation agreement between Desert Vista Regional Medical Center and Sierra "
        "Alta College nursing.",
        "Desert Vista provides medical-surgical and pediatric placements with trained RN "
        "preceptors. Sierra Alta College supplies a clinical instructor on site, verifies "
        "background checks and immunizations, and carries student liability insurance.",
        -250,
        480,
        "active",
    ),
    Agreement(
        "port-alder-networks",
        None,
        "Port Alder Networks hosted fiber technician job shadows for the North Coast Youth "
        "Apprenticeship Program.",
        "Port Alder Networks provided ride-alongs with field crews and climbing-safety "
        "orientation. The council handled parental consent forms and transportation.",
        -360,
        -5,
        "active",  # never closed: the check-in list says so,
    ),
    Agreement(
        "alta-mesa-solar",
        None,
        "Alta Mesa Solar hosts Sierra Alta College solar technology students for operations "
        "internships.",
        "Alta Mesa provides site access, heat-illness training and a technician mentor for each "
        "intern. Sierra Alta College confirms NFPA 70E awareness training and provides "
        "transportation to the remote sites.",
        -60,
        120,
        "active",
    ),
    Agreement(
        "ruiz-electric",
        "clean-energy-standards-review",
        "Ruiz & Daughters reviewed the draft clean-energy skill standards.",
        "Ruiz & Daughters provided two reviewers for sixteen hours each. The network credited the "
        "company in the published standards.",
        -260,
        -220,
        "expired",
    ),
    Agreement(
        "delta-springs-tech",
        "delta-biotech-lab-equipment",
        "Delta Springs Technical College loans lab equipment to the Delta Springs USD Biotech "
        "Academy.",
        "The college loans two centrifuges and twenty micropipettes, calibrated each term by its "
        "biomanufacturing staff. The district insures the equipment and returns it at the end of "
        "the school year.",
        -90,
        90,
        "active",
    ),
    Agreement(
        "millbrook-tool",
        "rv-summer-worksites",
        "Millbrook Tool & Die is a Summer Earn & Learn worksite.",
        "Millbrook provides a toolroom supervisor and safety orientation for two participants. "
        "The River Valley Workforce Board pays wages and workers' compensation and checks in "
        "weekly.",
        60,
        105,
        "draft",
    ),
)

# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------

# What a partner without an interview is assumed to be open to.
DEFAULT_TYPES: dict[str, tuple[str, ...]] = {
    "employer": (
        "internship_host",
        "job_shadow",
        "guest_instruction",
        "mentoring",
        "work_based_learning",
    ),
    "college": ("curriculum_review", "guest_instruction", "advisory_board", "equipment", "other"),
    "district": ("other", "curriculum_review", "equipment"),
    "intermediary": ("advisory_board", "curriculum_review", "other", "mentoring"),
    "agency": ("internship_host", "job_shadow", "work_based_learning", "mentoring"),
    "community_org": ("mentoring", "guest_instruction", "apprenticeship", "other"),
}

# Typical length (days) and total hours of one engagement of each type.
DURATION_DAYS: dict[str, tuple[int, int]] = {
    "internship_host": (42, 70),
    "job_shadow": (0, 0),
    "work_based_learning": (60, 120),
    "apprenticeship": (180, 365),
    "teacher_externship": (14, 21),
    "curriculum_review": (14, 45),
    "advisory_board": (180, 365),
    "guest_instruction": (0, 2),
    "mentoring": (90, 180),
    "equipment": (30, 240),
    "other": (1, 30),
}
HOURS: dict[str, tuple[float, float]] = {
    "internship_host": (60, 160),
    "job_shadow": (3, 8),
    "work_based_learning": (40, 100),
    "apprenticeship": (120, 320),
    "teacher_externship": (30, 70),
    "curriculum_review": (6, 20),
    "advisory_board": (8, 24),
    "guest_instruction": (2, 6),
    "mentoring": (12, 36),
    "equipment": (2, 10),
    "other": (3, 16),
}
# Types that can plausibly run for months, used for the heavy hitters' current load.
SUSTAINED_TYPES = frozenset(
    {
        "internship_host",
        "work_based_learning",
        "apprenticeship",
        "mentoring",
        "teacher_externship",
        "advisory_board",
        "curriculum_review",
    }
)
NEED_SHARE = 0.62  # chance an ask is made against one of the program's needs, when one fits
DAYS_PER_MONTH = 30.4


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def half_hours(value: float) -> float:
    """Hours rounded to the nearest half hour."""
    return round(value * 2) / 2


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    return rng.choices([item for item, _ in options], weights=[w for _, w in options])[0]


def salesforce_id(rng: random.Random, prefix: str, used: set[str]) -> str:
    """A 16-character id shaped like the CRM's, e.g. 001Dn00000AbCdE1; unique within `used`."""
    alphabet = string.ascii_letters + string.digits
    while True:
        candidate = prefix + "Dn00000" + "".join(rng.choice(alphabet) for _ in range(6))
        if candidate not in used:
            used.add(candidate)
            return candidate


class World:
    """Lookups over the literal data, checked once up front."""

    def __init__(self) -> None:
        self.orgs = {org.key: org for org in ORGANIZATIONS}
        self.programs = {program.name: program for program in PROGRAMS}
        self.needs = {need.key: need for need in NEEDS}
        self.contact_keys: dict[str, list[str]] = {key: [] for key in self.orgs}
        self.contact_by_name: dict[str, tuple[str, str]] = {}  # name -> (key, organization)
        seen: set[str] = set()
        for contact in CONTACTS:
            key = slug(contact.name)
            if key in seen:
                raise ValueError(f"duplicate contact {contact.name}")
            seen.add(key)
            self.contact_by_name[contact.name] = (key, contact.organization)
            self.contact_keys[contact.organization].append(key)
        self.latest_interview: dict[str, Interview] = {}
        for interview in sorted(INTERVIEWS, key=lambda i: -i.days_ago):
            self.latest_interview[interview.organization] = interview
        self._check()

    def _check(self) -> None:
        if len(self.orgs) != len(ORGANIZATIONS) or len(self.needs) != len(NEEDS):
            raise ValueError("duplicate organization or need key")
        for org in ORGANIZATIONS:
            if org.kind not in KINDS or org.region not in REGIONS:
                raise ValueError(f"bad kind or region: {org.key}")
            if not set(org.sectors) <= set(SECTORS) or not self.contact_keys[org.key]:
                raise ValueError(f"bad sectors or no contacts: {org.key}")
        if set(ASKS) != set(self.orgs):
            raise ValueError("ASKS must name every organization exactly once")
        for need in NEEDS:
            if need.program not in self.programs or need.engagement_type not in ENGAGEMENT_TYPES:
                raise ValueError(f"bad program or type: {need.key}")
        for name, goals in GOALS.items():
            if name not in self.programs or not set(goals) <= set(ENGAGEMENT_TYPES):
                raise ValueError(f"bad program or type in the goals of {name}")
        for interview in INTERVIEWS:
            self.contact_key(interview.organization, interview.contact)
        for agreement in AGREEMENTS:
            if agreement.organization not in self.orgs:
                raise ValueError(f"unknown organization {agreement.organization}")
            if agreement.need is not None and agreement.need not in self.needs:
                raise ValueError(f"unknown need {agreement.need}")

    def contact_key(self, organization: str, name: str | None) -> str | None:
        if name is None:
            return None
        key, owner = self.contact_by_name[name]
        if owner != organization:
            raise ValueError(f"{name} does not work at {organization}")
        return key

    def open_to(self, org: Org) -> tuple[str, ...]:
        interview = self.latest_interview.get(org.key)
        return interview.types if interview is not None else DEFAULT_TYPES[org.kind]

    def programs_for(self, org: Org) -> list[tuple[Program, float]]:
        """The programs that would plausibly ask this partner, weighted by fit."""
        options: list[tuple[Program, float]] = []
        for program in PROGRAMS:
            if program.owner == org.key or org.kind not in program.kinds:
                continue
            overlap = bool(set(program.sectors) & set(org.sectors))
            if org.kind == "employer" and program.sectors and not overlap:
                continue
            weight = 1.0 if program.sectors else 0.7
            if program.region == org.region:
                weight *= 3
            if overlap:
                weight *= 2
            options.append((program, weight))
        return options or [(self.programs[P_STATE], 1.0)]

    def needs_for(self, org: Org, program: Program) -> list[Need]:
        return [
            need
            for need in NEEDS
            if need.program == program.name
            and org.kind in need.kinds
            and (not need.sectors or org.kind != "employer" or set(need.sectors) & set(org.sectors))
            and need_window(need) is not None
        ]


def need_window(need: Need) -> tuple[int, int] | None:
    """The days-ago range in which a program would have asked partners for this need."""
    if need.starts is None:
        return 3, 200
    base = max(0, -need.starts)
    low, high = base + 5, min(HISTORY_DAYS, base + 150)
    return (low, high) if low <= high else None


def asked_days_ago(rng: random.Random, heavy: bool) -> int:
    """When an ask that is not tied to a need was made.

    Asks tied to needs cluster in the last few months (most needs are open), so free-standing
    asks to ordinary partners lean older to spread the history over the year; asks to heavy
    hitters are spread evenly, which together with their need asks makes them pile up lately.
    """
    if heavy:
        return rng.randint(0, HISTORY_DAYS)
    return min(HISTORY_DAYS, int((HISTORY_DAYS + 1) * math.sqrt(rng.random())))


def schedule(rng: random.Random, engagement_type: str, asked: int) -> tuple[int, int]:
    """Start and end offsets for an engagement asked `asked` days ago."""
    start = -asked + rng.randint(7, 45)
    low, high = DURATION_DAYS[engagement_type]
    return start, start + rng.randint(low, high)


def decide_status(
    rng: random.Random, asked: int, end: int | None, heavy: bool, need: Need | None
) -> tuple[str, int | None]:
    """Status and days-ago of the answer (None while nobody has answered)."""
    pending = 0.0
    if asked <= 14:
        pending = 0.65
    elif asked <= 30:
        pending = 0.35
    elif asked <= 75:
        pending = 0.12 if heavy else 0.04
    if need is not None and need.status == "open" and (need.starts or 0) > 0 and asked <= 60:
        pending = max(pending, 0.3)  # the program is still collecting answers
    if rng.random() < pending:
        return ("proposed" if asked <= 30 and rng.random() < 0.35 else "asked"), None
    responded = asked - rng.randint(0, min(asked, 21))
    if heavy:
        decline = 0.5 if asked <= 90 else 0.25 if asked <= 180 else 0.1
    else:
        decline = 0.14
    if need is not None and need.status == "filled":
        decline *= 0.6
    roll = rng.random()
    if roll < decline:
        return "declined", responded
    if roll < decline + 0.04:
        return "cancelled", responded
    return ("completed" if end is not None and end < 0 else "accepted"), responded


def make_ask(
    rng: random.Random, world: World, org: Org, program: Program, heavy: bool
) -> EngagementRecord:
    """One ask of `org` by `program`, against one of the program's needs about half the time."""
    fitting = world.needs_for(org, program)
    need = rng.choice(fitting) if fitting and rng.random() < NEED_SHARE else None
    if need is not None:
        low, high = need_window(need) or (0, HISTORY_DAYS)
        asked = rng.randint(low, high)
        engagement_type = need.engagement_type
        if need.starts is not None and need.ends is not None:
            start, end = need.starts, need.ends
        else:
            start, end = schedule(rng, engagement_type, asked)
        hours = half_hours(need.hours * rng.uniform(0.8, 1.1))
    else:
        open_to = world.open_to(org)
        common = [t for t in program.types if t in open_to]
        engagement_type = rng.choice(common or list(program.types))
        asked = asked_days_ago(rng, heavy)
        start, end = schedule(rng, engagement_type, asked)
        hours = half_hours(rng.uniform(*HOURS[engagement_type]))
    status, responded = decide_status(rng, asked, end, heavy, need)
    starts: int | None = start
    ends: int | None = end
    if need is None and status in ("proposed", "declined") and rng.random() < 0.3:
        starts = ends = None  # never got as far as dates
    actual: float | None = None
    if status == "completed":
        overrun = rng.uniform(0.95, 1.5) if heavy else rng.uniform(0.7, 1.2)
        actual = half_hours(hours * overrun)
    contacts = world.contact_keys[org.key]
    return EngagementRecord(
        organization=org.key,
        contact=rng.choice(contacts) if rng.random() < 0.85 else None,
        need=need.key if need is not None else None,
        program=program.name,
        engagement_type=engagement_type,
        status=status,
        asked_days_ago=asked,
        responded_days_ago=responded,
        starts_offset_days=starts,
        ends_offset_days=ends,
        hours_estimated=hours,
        hours_actual=actual,
        students_served=None,
        hires=None,
        credentials_earned=None,
        outcome_note=None,
    )


def current_load(rng: random.Random, world: World, org: Org, count: int) -> list[EngagementRecord]:
    """Accepted engagements running today whose monthly hours exceed the interviewed capacity."""
    interview = world.latest_interview[org.key]
    monthly_target = interview.capacity * rng.uniform(1.5, 1.9)
    options = world.programs_for(org)
    open_to = world.open_to(org)
    records: list[EngagementRecord] = []
    for _ in range(count):
        program = weighted(rng, options)
        sustained = [t for t in program.types if t in SUSTAINED_TYPES]
        preferred = [t for t in sustained if t in open_to]
        engagement_type = rng.choice(preferred or sustained or ["work_based_learning"])
        asked = rng.randint(25, 120)
        start = -rng.randint(3, min(asked - 5, 75))
        end = rng.randint(21, 150)
        monthly = monthly_target / count * rng.uniform(0.8, 1.2)
        records.append(
            EngagementRecord(
                organization=org.key,
                contact=rng.choice(world.contact_keys[org.key]),
                need=None,
                program=program.name,
                engagement_type=engagement_type,
                status="accepted",
                asked_days_ago=asked,
                responded_days_ago=asked - rng.randint(2, 14),
                starts_offset_days=start,
                ends_offset_days=end,
                hours_estimated=half_hours(monthly * (end - start) / DAYS_PER_MONTH),
                hours_actual=None,
                students_served=None,
                hires=None,
                credentials_earned=None,
                outcome_note=None,
            )
        )
    return records


def is_running(record: EngagementRecord) -> bool:
    start, end = record["starts_offset_days"], record["ends_offset_days"]
    return start is not None and end is not None and start <= 0 <= end


OPEN_STATUSES = ("proposed", "asked", "accepted")


def one_open_ask_per_need(records: list[EngagementRecord]) -> None:
    """The service refuses a second open ask of a partner for the same need: of such asks,
    the newest keeps the need and the older ones become asks of the program at large."""
    seen: set[tuple[str, str]] = set()
    for record in sorted(records, key=lambda e: (e["asked_days_ago"], e["program"])):
        need = record["need"]
        if need is None or record["status"] not in OPEN_STATUSES:
            continue
        if (record["organization"], need) in seen:
            record["need"] = None
        seen.add((record["organization"], need))


def build_engagements(rng: random.Random, world: World) -> list[EngagementRecord]:
    records: list[EngagementRecord] = []
    for org in sorted(ORGANIZATIONS, key=lambda o: o.key):
        total = ASKS[org.key]
        heavy = org.key in HEAVY_HITTERS
        options = world.programs_for(org)
        programs: list[Program] = []
        if heavy:
            running = HEAVY_HITTERS[org.key][1]
            records.extend(current_load(rng, world, org, running))
            total -= running
            # Every program that could ask a heavy hitter has done so at least once.
            programs = [program for program, _ in options]
            rng.shuffle(programs)
        while len(programs) < total:
            programs.append(weighted(rng, options))
        running_now = HEAVY_HITTERS[org.key][1] if heavy else 0
        for program in programs[:total]:
            record = make_ask(rng, world, org, program, heavy)
            if heavy and record["status"] == "accepted" and is_running(record):
                if running_now > HEAVY_HITTERS[org.key][1]:
                    # Already over capacity: lately they say no; earlier they said yes and had
                    # to pull out part-way through.
                    record["status"] = "declined" if record["asked_days_ago"] <= 90 else "cancelled"
                else:
                    running_now += 1
            records.append(record)
    one_open_ask_per_need(records)
    return sorted(
        records,
        key=lambda e: (
            -e["asked_days_ago"],
            e["organization"],
            e["program"],
            e["engagement_type"],
            e["status"],
            e["hours_estimated"],
        ),
    )


# What a completed engagement of each type reaches: (students low, high), the share that lead
# to a hire, credentials earned per student (a share), and the notes a convener might write.
OUTCOMES: dict[str, tuple[tuple[int, int], float, float]] = {
    "internship_host": ((1, 4), 0.35, 0.3),
    "job_shadow": ((6, 30), 0.0, 0.0),
    "work_based_learning": ((2, 8), 0.2, 0.25),
    "apprenticeship": ((1, 3), 0.6, 0.8),
    "teacher_externship": ((1, 3), 0.0, 0.0),
    "curriculum_review": ((0, 0), 0.0, 0.0),
    "advisory_board": ((0, 0), 0.0, 0.0),
    "guest_instruction": ((15, 60), 0.0, 0.0),
    "mentoring": ((2, 10), 0.05, 0.1),
    "equipment": ((10, 40), 0.0, 0.15),
    "other": ((0, 12), 0.0, 0.0),
}
OUTCOME_NOTES = (
    "Students asked to come back in the spring.",
    "Host said the group was well prepared.",
    "One student offered a summer position.",
    "Teacher built a new lab unit from it.",
    "Ran long; the host asked for smaller groups next time.",
    "Two students went on to the college's certificate program.",
)


def add_outcomes(seed: int, records: list[EngagementRecord]) -> None:
    """What came of each completed engagement, drawn from a generator of its own so that the
    rest of the data set stays as it was before outcomes were recorded."""
    rng = random.Random(seed + 1)
    for record in records:
        if record["status"] != "completed":
            continue
        (low, high), hire_share, credential_share = OUTCOMES[record["engagement_type"]]
        students = rng.randint(low, high)
        record["students_served"] = students
        record["hires"] = sum(rng.random() < hire_share for _ in range(min(students, 4)))
        record["credentials_earned"] = sum(rng.random() < credential_share for _ in range(students))
        record["outcome_note"] = rng.choice(OUTCOME_NOTES) if rng.random() < 0.3 else None


#: Do-not-ask holds: three partners resting now (one asked for it through a pause link), one
#: whose hold a convener lifted early, one whose hold ran out on its date. Each starts after
#: the partner's last ask before it, so no ask of the story falls inside a hold.
#: What each region covers and its towns: a need typed in words naming "Port Alder" is read
#: as the North Coast.
REGION_ENTRIES: tuple[VocabularyRecord, ...] = (
    {"value": "Capital Region", "description": "The state capital, Lincoln, and its suburbs",
     "terms": ["Lincoln", "Carver City", "Ashby", "the capital", "capital city"]},
    {"value": "Central Valley", "description": "Farm country along the Delta",
     "terms": ["Fairhaven", "Delta Springs"]},
    {"value": "High Desert", "description": "Rural high desert: mines, solar and data centers",
     "terms": ["Red Mesa", "Sierra Alta", "Juniper Flats"]},
    {"value": "North Coast", "description": "Ports, fishing towns and the coast range",
     "terms": ["Port Alder", "Cape Lark", "Harbor Point", "the coast"]},
    {"value": "River Valley",
     "description": "The river counties: plants, foundries and the interstate",
     "terms": ["Riverbend", "Millbrook", "Keel Ferry", "the river counties"]},
)  # fmt: skip

HOLDS: tuple[HoldRecord, ...] = (
    HoldRecord(
        organization="st-brendan-hospital",
        starts_days_ago=9,
        until_offset_days=75,
        reason="We are short-staffed on the nursing floors through flu season; please send no "
        "new requests until spring.",
        source="partner",
        lifted_days_ago=None,
        lifted_by=None,
    ),
    HoldRecord(
        organization="praxis-motion",
        starts_days_ago=20,
        until_offset_days=120,
        reason="Moving production to the new Eastgate plant in January; the plant manager asked "
        "us to hold every ask until the line is running again.",
        source="convener",
        lifted_days_ago=None,
        lifted_by=None,
    ),
    HoldRecord(
        organization="alta-mesa-solar",
        starts_days_ago=30,
        until_offset_days=45,
        reason="Hosted three interns and two job-shadow days this year; giving the install crew "
        "a break before the spring build season.",
        source="convener",
        lifted_days_ago=None,
        lifted_by=None,
    ),
    HoldRecord(
        organization="desert-vista-medical",
        starts_days_ago=170,
        until_offset_days=-60,
        reason="Joint Commission survey expected this spring; the hospital asked for a quiet "
        "quarter.",
        source="convener",
        lifted_days_ago=130,
        lifted_by="Maya Chen",
    ),
    HoldRecord(
        organization="high-desert-steel",
        starts_days_ago=240,
        until_offset_days=-200,
        reason="Annual shutdown and furnace relining through March.",
        source="convener",
        lifted_days_ago=None,
        lifted_by=None,
    ),
)


def build_holds(records: list[EngagementRecord]) -> list[HoldRecord]:
    """The demo's holds, kept apart from every other record (no draw from a generator), after
    checking that no ask of the story was made while its partner was on hold."""
    for hold in HOLDS:
        ended = hold["lifted_days_ago"]
        if ended is None:
            ended = max(-hold["until_offset_days"], 0)
        for record in records:
            if record["organization"] == hold["organization"]:
                if ended < record["asked_days_ago"] <= hold["starts_days_ago"]:
                    raise ValueError(f"{hold['organization']} was asked while on hold")
    return list(HOLDS)


def build_organizations(rng: random.Random) -> list[OrganizationRecord]:
    used: set[str] = set()
    records: list[OrganizationRecord] = []
    for index, org in enumerate(sorted(ORGANIZATIONS, key=lambda o: o.key)):
        records.append(
            OrganizationRecord(
                key=org.key,
                external_id=salesforce_id(rng, "001", used) if index % 3 != 2 else None,
                name=org.name,
                kind=org.kind,
                sectors=list(org.sectors),
                region=org.region,
                description=org.description,
                website=f"https://www.{org.domain}" if org.has_website else None,
            )
        )
    return records


def build_contacts(rng: random.Random, world: World) -> list[ContactRecord]:
    used: set[str] = set()
    records: list[ContactRecord] = []
    for index, contact in enumerate(sorted(CONTACTS, key=lambda c: slug(c.name))):
        records.append(
            ContactRecord(
                key=world.contact_by_name[contact.name][0],
                organization=contact.organization,
                external_id=salesforce_id(rng, "003", used) if index % 3 != 1 else None,
                name=contact.name,
                email=contact.email,
                title=contact.title,
                skills=list(contact.skills),
            )
        )
    return records


def build_interviews(world: World) -> list[InterviewRecord]:
    records = [
        InterviewRecord(
            organization=interview.organization,
            contact=world.contact_key(interview.organization, interview.contact),
            conducted_days_ago=interview.days_ago,
            business_summary=interview.business_summary,
            role_and_skills=interview.role_and_skills,
            interest_level=interview.interest,
            capacity_hours_per_month=interview.capacity,
            max_concurrent_engagements=interview.max_concurrent,
            engagement_types=list(interview.types),
            notes=interview.notes,
        )
        for interview in INTERVIEWS
    ]
    return sorted(records, key=lambda i: (i["organization"], -i["conducted_days_ago"]))


def build_needs(rng: random.Random) -> list[NeedRecord]:
    used: set[str] = set()
    records: list[NeedRecord] = []
    for index, need in enumerate(sorted(NEEDS, key=lambda n: n.key)):
        records.append(
            NeedRecord(
                key=need.key,
                external_id=salesforce_id(rng, "a0B", used) if index % 2 == 0 else None,
                title=need.title,
                description=need.description,
                expertise_sought=need.expertise,
                skills=list(need.skills),
                partner_kinds=list(need.kinds),
                sectors=list(need.sectors),
                region=need.region,
                engagement_type=need.engagement_type,
                hours_per_partner=need.hours,
                slots=need.slots,
                starts_offset_days=need.starts,
                ends_offset_days=need.ends,
                status=need.status,
                program=need.program,
            )
        )
    return records


def build_temperature_checks(rng: random.Random, world: World) -> list[TemperatureCheckRecord]:
    records: list[TemperatureCheckRecord] = []
    for key, checks in HEAVY_HITTER_CHECKS.items():
        for days_ago, satisfaction, comment in checks:
            records.append(
                TemperatureCheckRecord(
                    organization=key,
                    contact=rng.choice(world.contact_keys[key]),
                    checked_days_ago=days_ago,
                    satisfaction=satisfaction,
                    comment=comment,
                )
            )
    # Everyone else asked at least twice: one or two checks, steady around their own level.
    pools = {level: list(comments) for level, comments in CHECK_COMMENTS.items()}
    for pool in pools.values():
        rng.shuffle(pool)
    for org in sorted(ORGANIZATIONS, key=lambda o: o.key):
        if org.key in HEAVY_HITTERS or ASKS[org.key] < 2:
            continue
        level = weighted(rng, [(3, 2.0), (4, 5.0), (5, 3.0)])
        days = [rng.randint(5, 360)]
        if rng.random() < 0.4:
            days = [rng.randint(190, 360), rng.randint(5, 175)]
        for day in days:
            satisfaction = max(1, min(5, level + rng.choice((-1, 0, 0, 0, 0, 1))))
            pool = pools[satisfaction]
            comment = pool.pop() if pool and rng.random() < 0.65 else None
            contacts = world.contact_keys[org.key]
            records.append(
                TemperatureCheckRecord(
                    organization=org.key,
                    contact=rng.choice(contacts) if rng.random() < 0.8 else None,
                    checked_days_ago=day,
                    satisfaction=satisfaction,
                    comment=comment,
                )
            )
    return sorted(records, key=lambda t: (-t["checked_days_ago"], t["organization"]))


def build_agreements() -> list[AgreementRecord]:
    records = [
        AgreementRecord(
            organization=agreement.organization,
            need=agreement.need,
            roles=agreement.roles,
            responsibilities=agreement.responsibilities,
            starts_offset_days=agreement.starts,
            ends_offset_days=agreement.ends,
            status=agreement.status,
        )
        for agreement in AGREEMENTS
    ]
    return sorted(records, key=lambda a: (a["organization"], a["starts_offset_days"]))


def build_programs() -> list[ProgramRecord]:
    """Who asks, the organization running each (never recommended to its own program), and
    this school year's goals."""
    return [
        ProgramRecord(
            name=p.name,
            organization=p.owner,
            region=p.region,
            goals_years_ago={
                "0": {
                    kind: {"count": count, "students": students}
                    for kind, (count, students) in GOALS.get(p.name, {}).items()
                }
            },
        )
        for p in PROGRAMS
    ]


def make_room(needs: list[NeedRecord], engagements: Sequence[EngagementRecord]) -> None:
    """A need has at least as many slots as asks that took one (accepted or completed): the
    write path refuses an accept for a full need, and the history asked some needs again
    for later sessions (a guest lesson each term). In place."""
    taken = Counter(
        e["need"] for e in engagements if e["need"] and e["status"] in ("accepted", "completed")
    )
    for need in needs:
        need["slots"] = max(need["slots"], taken[need["key"]])


def build(seed: int = SEED) -> DemoData:
    """The whole data set; the same seed always gives the same data."""
    rng = random.Random(seed)
    world = World()
    organizations = build_organizations(rng)
    contacts = build_contacts(rng, world)
    needs = build_needs(rng)
    engagements = build_engagements(rng, world)
    add_outcomes(seed, engagements)
    make_room(needs, engagements)
    return DemoData(
        organizations=organizations,
        programs=build_programs(),
        contacts=contacts,
        interviews=build_interviews(world),
        needs=needs,
        engagements=engagements,
        temperature_checks=build_temperature_checks(rng, world),
        agreements=build_agreements(),
        holds=build_holds(engagements),
        vocabularies={"region": list(REGION_ENTRIES)},
    )


def main(argv: Sequence[str] = ()) -> None:
    output = Path(argv[0]) if argv else OUTPUT
    text = json.dumps(build(), indent=1, ensure_ascii=False)
    output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
