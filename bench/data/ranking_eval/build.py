"""Build the Partner Match ranking evaluation set from the hand-written records below.

Writes partners.json, needs.json and qrels.json next to this file:

    python3 bench/data/ranking_eval/build.py

Every description, interview and relevance grade was written by hand; this script only parses the
compact text blocks at the bottom of the file, expands the abbreviations, checks the enums, and
gives partners their public ids. Partners are written under internal keys grouped by topic
(a01, b05, ...); the keys are shuffled with random.Random(7) before ids p001..pNNN are assigned,
so neither the ids nor the file order reveal which partners were written for which need.

Record format (one record per "=" line; continuation lines start with two spaces):

    =key | kinds | sectors | region | name         partner header
    d description
    b interview business_summary                     (b, r and i together, or none: no interview)
    r interview role_and_skills
    i interest 1-5 | hours per month | max concurrent | engagement types

    =nNN | partner kinds | sectors | region or - | engagement type
    t title
    d description
    x expertise sought
    s skill; skill; ...

    nNN key:grade key:grade ...                       qrels (grades 1-3; unlisted pairs are 0)

Only the standard library is used; the output is byte-for-byte deterministic.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE: Path = Path(__file__).resolve().parent
SEED: int = 7

KINDS: dict[str, str] = {
    "emp": "employer",
    "col": "college",
    "dist": "district",
    "int": "intermediary",
    "agy": "agency",
    "org": "community_org",
}
SECTORS: dict[str, str] = {
    "mfg": "advanced_manufacturing",
    "health": "health_sciences",
    "it": "information_technology",
    "con": "construction",
    "energy": "energy",
    "bio": "biotech",
    "ag": "agriculture",
    "trans": "transportation_logistics",
    "edu": "education",
    "pub": "public_service",
    "fin": "finance",
}
REGIONS: dict[str, str] = {
    "CR": "Capital Region",
    "NC": "North Coast",
    "CV": "Central Valley",
    "RV": "River Valley",
    "HD": "High Desert",
}
ETYPES: dict[str, str] = {
    "intern": "internship_host",
    "shadow": "job_shadow",
    "wbl": "work_based_learning",
    "appr": "apprenticeship",
    "extern": "teacher_externship",
    "curric": "curriculum_review",
    "advis": "advisory_board",
    "guest": "guest_instruction",
    "mentor": "mentoring",
    "equip": "equipment",
    "other": "other",
}

Record = dict[str, str]


def parse_records(text: str) -> list[Record]:
    """Split a text block into records: "=" starts one, "x value" sets field x."""
    records: list[Record] = []
    field = ""
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("  "):
            if not records or not field:
                raise ValueError(f"continuation line with nothing to continue: {raw!r}")
            records[-1][field] += " " + raw.strip()
            continue
        if raw.startswith("="):
            records.append({"=": raw[1:].strip()})
            field = "="
            continue
        tag, _, value = raw.partition(" ")
        if not records or len(tag) != 1 or tag in records[-1]:
            raise ValueError(f"bad or repeated field line: {raw!r}")
        records[-1][tag] = value.strip()
        field = tag
    return records


def cells(line: str, count: int) -> list[str]:
    """The count "|"-separated cells of a header line, stripped."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) != count:
        raise ValueError(f"expected {count} cells: {line!r}")
    return parts


def expand(value: str, table: dict[str, str]) -> list[str]:
    """Expand a comma-separated list of abbreviations ("-" or "" means an empty list)."""
    if value in ("", "-"):
        return []
    return [table[item.strip()] for item in value.split(",")]


def number(value: str) -> int | float:
    """An int when the text is integral, else a float."""
    parsed = float(value)
    return int(parsed) if parsed.is_integer() else parsed


def build_partners(text: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Partner objects sorted by id, and the map from internal key to public id."""
    records = parse_records(text)
    keys = [cells(rec["="], 5)[0] for rec in records]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate partner key")
    shuffled = list(keys)
    random.Random(SEED).shuffle(shuffled)
    ids = {key: f"p{index:03d}" for index, key in enumerate(shuffled, start=1)}
    partners: list[dict[str, Any]] = []
    for rec in records:
        key, kind, sectors, region, name = cells(rec["="], 5)
        interview: dict[str, Any] | None = None
        if "i" in rec or "b" in rec or "r" in rec:
            interest, hours, concurrent, etypes = cells(rec["i"], 4)
            interview = {
                "business_summary": rec["b"],
                "role_and_skills": rec["r"],
                "interest_level": int(interest),
                "capacity_hours_per_month": number(hours),
                "max_concurrent_engagements": int(concurrent),
                "engagement_types": expand(etypes, ETYPES),
            }
        partners.append(
            {
                "id": ids[key],
                "name": name,
                "kind": KINDS[kind],
                "sectors": expand(sectors, SECTORS),
                "region": REGIONS[region],
                "description": rec["d"],
                "interview": interview,
            }
        )
    partners.sort(key=lambda partner: str(partner["id"]))
    return partners, ids


def build_needs(text: str) -> list[dict[str, Any]]:
    """Need objects in id order."""
    needs: list[dict[str, Any]] = []
    for rec in parse_records(text):
        need_id, kinds, sectors, region, etype = cells(rec["="], 5)
        needs.append(
            {
                "id": need_id,
                "title": rec["t"],
                "description": rec["d"],
                "expertise_sought": rec["x"],
                "skills": [skill.strip() for skill in rec["s"].split(";")],
                "partner_kinds": expand(kinds, KINDS),
                "sectors": expand(sectors, SECTORS),
                "region": None if region == "-" else REGIONS[region],
                "engagement_type": ETYPES[etype],
            }
        )
    needs.sort(key=lambda need: str(need["id"]))
    return needs


def build_qrels(text: str, ids: dict[str, str]) -> dict[str, dict[str, int]]:
    """need id -> {partner id: grade}, grades descending then ids ascending."""
    raw: dict[str, dict[str, int]] = {}
    current = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        items = line.split()
        if not line.startswith(" "):
            current = items.pop(0)
            if current in raw:
                raise ValueError(f"need listed twice in qrels: {current}")
            raw[current] = {}
        for item in items:
            key, _, grade = item.partition(":")
            partner_id = ids[key]
            if partner_id in raw[current]:
                raise ValueError(f"{current}: {key} graded twice")
            value = int(grade)
            if value not in (1, 2, 3):
                raise ValueError(f"{current}: grade {grade} for {key}")
            raw[current][partner_id] = value
    return {
        need: dict(sorted(grades.items(), key=lambda kv: (-kv[1], kv[0])))
        for need, grades in sorted(raw.items())
    }


def write_json(path: Path, data: object) -> None:
    """Pretty JSON, one trailing newline, stable bytes."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> int:
    partners, ids = build_partners(PARTNERS)
    needs = build_needs(NEEDS)
    qrels = build_qrels(QRELS, ids)
    need_ids = {str(need["id"]) for need in needs}
    if set(qrels) != need_ids:
        raise ValueError(f"qrels needs differ from needs.json: {set(qrels) ^ need_ids}")
    for need_id, grades in qrels.items():
        if 3 not in grades.values():
            raise ValueError(f"{need_id} has no grade-3 partner")
    write_json(HERE / "partners.json", partners)
    write_json(HERE / "needs.json", needs)
    write_json(HERE / "qrels.json", qrels)
    judged = sum(len(grades) for grades in qrels.values())
    sys.stdout.write(
        f"wrote {len(partners)} partners, {len(needs)} needs, {judged} judged pairs to {HERE}\n"
    )
    return 0


# --------------------------------------------------------------------------------------------
# Hand-written source records. Regions: CR Capital Region, NC North Coast, CV Central Valley,
# RV River Valley, HD High Desert. Place names are fictional (Lindell is the state capital).
# --------------------------------------------------------------------------------------------

PARTNERS: str = """
# ---- manufacturing -------------------------------------------------------------------------

=a01 | emp | mfg | RV | Brightwater Packaging Systems
d Contract packager in Riverton running 14 high-speed lines (cartoning, case packing, shrink wrap)
  for snack and beverage brands. Our maintenance techs live in Allen-Bradley ladder logic, servo
  drives and vision inspection cameras.
b Co-packing and contract manufacturing for regional food and beverage brands; three shifts, about
  400 employees.
r Maintenance manager who came up as an industrial electrician. Oversees 22 technicians handling
  changeovers, line faults, compressed air and conveyor drives; has had summer helpers before and
  liked it.
i 5 | 24 | 3 | intern, shadow, wbl

=a02 | emp | mfg | RV | Kessler Valley Stampings
d Tier 2 automotive supplier. Progressive-die stamping plus robotic MIG weld cells (about 30 FANUC
  robots on the floor).
b Stamps and welds brackets and seat frames for automotive and farm equipment OEMs.
r HR generalist; brought the engineering manager who runs the robotics and weld-cell group into the
  conversation.
i 3 | 10 | 2 | intern, appr

=a03 | emp | mfg | RV | Oxbow Controls
d Oxbow is a system integrator: we design, build and commission control panels, HMIs and motion
  systems for plants across the state. Small shop (35 people), mostly Rockwell and Siemens
  platforms.
b Control system integration; UL 508A panel shop plus field commissioning crews.
r Co-owner and lead controls engineer. Writes PLC code, designs panels, and personally trains junior
  techs on wiring, VFDs and reading electrical prints.
i 4 | 12 | 2 | intern, mentor, curric

=a04 | emp | mfg, ag | RV | Tallgrass Foods - Riverton Plant
d Bottling and canning plant for juices and sparkling water. Line mechanics keep fillers, cappers,
  labelers and conveyors running: air cylinders, photo-eyes, gearboxes, the whole thing.
b Beverage plant owned by a national juice company; 11 lines, 260 hourly staff.
r Reliability engineer. Says the line mechanics are stretched thin but a couple of students
  shadowing PMs and changeovers would be welcome.
i 3 | 8 | 2 | intern, shadow

=a05 | emp | mfg | RV | Meridian Robotics
d Builds autonomous mobile robots for warehouses. Engineering, assembly and test all under one roof
  in Willow Bend.
b Designs and assembles AMRs and the fleet software that runs them; customers are 3PLs and
  manufacturers.
r Director of manufacturing. Runs assembly and end-of-line test; background in electromechanical
  assembly, sensor calibration and motor drives.
i 4 | 8 | 2 | intern, shadow, guest

=a06 | emp | ag, mfg | CV | Sundial Almond Processing
d Huller, sheller and almond processor in Dos Rios. PLC-controlled hulling lines, optical sorters
  and steam pasteurization; SQF-certified, with an in-house lab for aflatoxin, moisture and micro
  testing.
b Receives, hulls, sorts, pasteurizes and packs almonds for export and domestic buyers. Peak season
  Aug-Nov.
r Plant manager, with the QA manager on the call. QA runs aflatoxin, Salmonella indicator and
  moisture tests and keeps the food safety plan; the plant has 12 maintenance techs.
i 4 | 16 | 3 | intern, shadow, extern

=a07 | emp | mfg | CR | Capitol Precision Machining
d Aerospace and defense job shop, AS9100 registered. 5-axis milling, Swiss turning, and a
  temperature-controlled inspection room with two CMMs. We're replacing a pair of older Haas VF-2
  mills this year and would rather see them go to a school than to auction.
b Sixty-person CNC job shop making flight hardware and test fixtures.
r Quality manager (ASQ CQE). Owns first article inspection, GD&T interpretation, SPC on critical
  features and supplier audits.
i 5 | 12 | 2 | extern, equip, shadow

=a08 | emp | mfg | RV | Fennimore Tool & Die
d Family-owned tool and die shop since 1971: wire EDM, surface grinding, jig boring. We give carbide
  end mills, tool holders and offcut stock to school shops every year - just ask.
b Tool and die, fixtures and short-run stampings; 22 employees.
r Second-generation owner; journeyman toolmaker.
i 4 | 2 | 1 | equip, shadow

=a09 | emp | mfg | HD | Mesa Aero Components
d Machines titanium and Inconel parts for engine and landing-gear programs. Heavy on first-article
  inspection and CMM programming.
b Precision machining for aerospace primes; 110 employees in Mesa.
r VP of operations. Mentioned a couple of old manual Bridgeports sitting in storage that a school
  could have; more interested in hosting teachers in the quality lab.
i 3 | 6 | 1 | extern, equip

=a10 | emp | mfg, health | CR | Halvorsen Medical Devices
d ISO 13485 contract manufacturer of single-use medical devices - injection molding, cleanroom
  assembly, process validation. Metrology lab with vision CMMs; capability studies and control
  charts on every critical dimension.
b Contract manufacturer of catheters, syringes and other disposables for device companies.
r Senior quality engineer. Leads IQ/OQ/PQ validation, runs the SPC program and trains the inspection
  crew.
i 4 | 10 | 2 | extern, intern, curric

=a11 | emp | mfg, it | CR | Ridgeback Electronics Assembly
d Electronics contract manufacturer: SMT lines, automated optical inspection, X-ray and box build.
  All operators certified to IPC-A-610.

=a12 | emp | mfg | RV | Cordova Castings
d Gray and ductile iron foundry in Copper Falls. Sand molding, pouring, shakeout and grinding.
  Hiring laborers and molders year-round.

=a13 | col | mfg | RV | Riverton Technical College - Mechatronics & Industrial Maintenance
d Two-year AAS in industrial maintenance and mechatronics; labs in PLCs, fluid power and robotics.
  Dual credit available for high school seniors.
b Public technical college; mechatronics department with four full-time faculty.
r Department chair. Interested in articulation and sharing lab time with high schools, not in
  placing students at employers.
i 4 | 10 | 3 | curric, guest, other

=a14 | int | mfg | RV | River Valley Manufacturing Partnership
d Industry-led association of about 70 manufacturers in the River Valley. Runs Manufacturing Day, a
  shared internship portal and a plant managers' roundtable.
b Regional manufacturing association that doubles as a workforce intermediary.
r Executive director; brokers introductions between schools and member plants but does not host
  students itself.
i 5 | 20 | 6 | intern, shadow, advis, other

=a16 | emp | mfg | RV | Lindqvist Plastics
d Custom injection molder: 48 presses from 50 to 700 tons, sprue pickers and six-axis robots on most
  cells. We grow our own process techs.
b Custom molder for medical, consumer and automotive parts.
r Process engineering manager; runs the in-house process tech academy (robot end-of-arm tooling,
  mold setup, scientific molding).
i 4 | 6 | 2 | intern, appr

=a17 | emp | it | CR | Cascade Signal
d Marketing automation platform for mid-size retailers - email workflows, triggers, audience
  segments and A/B testing. Remote-first team based in Lindell.
b SaaS company, 90 employees, mostly engineers and customer success.
r VP of engineering. Open to having a few developers volunteer as mentors for student coding teams;
  no internships this year.
i 3 | 6 | 2 | mentor, guest

=a18 | emp | mfg | RV | Pioneer Gear & Drive
d Manufactures industrial gearboxes and speed reducers. Gear hobbing and grinding, in-house heat
  treat, and a maintenance team that keeps the hydraulic presses and machining centers alive.
b Gearbox manufacturer with 180 employees across machining, heat treat and assembly.
r Maintenance supervisor, 20 years in the plant. Would take a summer helper if the kid is safe
  around hydraulics and lockout/tagout.
i 3 | 6 | 1 | intern

=a19 | emp | mfg | CV | Valley Industrial Surplus
d Buys and resells used industrial equipment: lathes, mills, compressors, forklifts. Monthly online
  auctions.
b Used machinery dealer and auction house.
r Sales manager; not really in a position to donate, but flags surplus machines for schools at cost.
i 2 | 2 | 1 | equip

=a20 | emp | mfg | CR | Lodestar Machine Tool Sales
d Regional distributor for CNC machine tools and cutting tools. Our education program places demo
  mills and lathes in school shops at steep discounts and bundles operator training.
b Sells and services CNC machinery for job shops and schools across the state.
r Education accounts rep; taught machining at a community college for eight years.
i 5 | 8 | 4 | equip, guest, curric

=a22 | emp | con | RV | Alder Creek Cabinetry
d Custom cabinetry and millwork. CNC router nesting, edgebanders, finishing booth.

=a24 | emp | mfg | RV | Tessaract Metrology Services
d Calibration and dimensional inspection lab: gauge calibration, contract CMM inspection, 3D
  scanning. ISO/IEC 17025 accredited.
b Third-party calibration and inspection for manufacturers in the River Valley and beyond.
r Lab manager and metrologist; teaches GD&T classes for customers' inspectors.
i 4 | 6 | 1 | extern, guest, curric

=a25 | emp | mfg | CR | Plumbline Quality Consulting
d Two-person consultancy helping small manufacturers get ISO 9001 certified: document control,
  internal audits, corrective action.
b ISO consulting.
r Lead auditor (ISO 9001, AS9100).
i 3 | 2 | 1 | guest, curric

=a26 | emp | mfg, con | NC | Seastack Sawmill & Lumber
d Sawmill and planer mill producing Douglas fir dimensional lumber; kiln drying and an optimizer
  edger line.
b Mill with 140 employees; runs two shifts.
r Safety and training manager.
i 2 | 4 | 1 | shadow

=a27 | emp | mfg | CV | Valley Steel Tank Co.
d Fabricates welded steel water tanks, silos and hoppers for farms and towns. Shop welders run
  flux-core and sub-arc; field crews erect bolted and welded tanks.
b Tank and silo fabricator; 45 employees.
r Shop foreman; AWS certified welder.
i 3 | 4 | 1 | shadow, appr

=a28 | emp | mfg | HD | Ocotillo Plastics Recycling
d Washes, shreds and pelletizes post-consumer plastics. 3 shifts, entry-level operators, forklift
  drivers.

=a29 | emp | mfg | CR | Capitol Print Works
d Commercial printing: offset and digital presses, bindery, mailing services for state agencies and
  campaigns.
b Printer with 75 employees.
r Owner; says they'd do a plant tour but have no structured roles for students.
i 2 | 2 | 1 | shadow

=a30 | emp | mfg | RV | Willow Bend Furniture Co.
d Hardwood furniture maker; upholstery and finishing; 60 craftspeople.

=a31 | emp | mfg | CV | Dos Rios Box & Carton
d Corrugated box plant. Corrugator, flexo folder-gluers and die cutters; electrical and maintenance
  technicians on every shift keep the drives, servos and controls running.
b Corrugated packaging plant supplying produce shippers.
r Plant engineer; runs the maintenance department and the apprenticeship for industrial
  electricians.
i 4 | 6 | 2 | intern, appr

=a32 | emp | energy, mfg | HD | Lithium Basin Refining
d Converts brine concentrate into battery-grade lithium hydroxide. Process operators, instrument and
  electrical techs, DCS control room.
b Chemical processing plant, commissioning phase 2.
r Training superintendent.
i 3 | 6 | 2 | intern, shadow, appr

=a33 | emp | mfg | NC | Harborview Hydraulics & Machine
d Repair shop for hydraulic cylinders, pumps and winches for the fishing fleet and log yards. Moving
  to new Okuma lathes this spring; our old Mazak turning center goes cheap or free to a school that
  can rig it out.
b Hydraulic repair and machine shop for marine and forestry customers.
r Owner-machinist.
i 3 | 2 | 1 | equip

=a34 | emp | mfg | CV | Sunfield Precision
d CNC job shop: Haas and Doosan mills, bar-fed lathes; ag and food equipment parts.
b 25-person job shop.
r Owner. Has boxes of used tool holders, collets and vises from retired machines and would give them
  to a school program.
i 4 | 4 | 2 | equip, shadow, intern

# ---- biotech -------------------------------------------------------------------------------

=b01 | emp | bio | CR | Lumenvale Biologics
d Lumenvale Biologics is a contract development and manufacturing organization (CDMO) helping
  innovators take monoclonal antibodies from cell line to clinic. Our Lindell campus houses process
  development labs and 2,000 L GMP suites.
b CDMO for biologics; about 350 staff across process development, analytical development and GMP
  manufacturing.
r Talent development lead, formerly an upstream scientist (CHO cell culture, bioreactor runs). Has
  hosted college interns and one high school teacher before and wants to do more.
i 5 | 20 | 3 | extern, intern, advis, guest

=b02 | emp | bio, health | CR | Arborline Diagnostics
d Develops and runs molecular diagnostic tests - qPCR panels for respiratory and STI pathogens - in
  a CLIA-certified lab. R&D and clinical lab teams are both in Statehouse.
b Molecular diagnostics developer with a high-complexity clinical lab.
r R&D manager: assay development and validation studies; supervises eight research associates.
i 4 | 12 | 2 | extern, intern

=b03 | emp | bio | CR | Helix & Vine Therapeutics
d Seed-stage startup engineering T cells for solid tumors. 28 people; bench space is tight but the
  team likes teaching.
b Early-stage company developing CAR-T therapies.
r Co-founder and CSO. Flow cytometry, T-cell expansion, lentiviral transduction.
i 3 | 4 | 1 | extern, mentor, guest

=b04 | emp | bio | CR | Sentry Peak Genomics
d Sequencing services: DNA/RNA extraction, library prep, short- and long-read sequencing for
  universities, hospitals and seed companies.
b Genomics service lab with 60 staff.
r Lab operations director; ran a high school summer research program at a previous job.
i 4 | 6 | 2 | extern, intern

=b05 | emp | bio | RV | Confluence BioManufacturing
d Industrial fermentation plant in Ashford producing enzymes for food and detergent customers.
  Twelve production fermenters up to 60,000 L, downstream recovery, QC micro and analytical labs. We
  hire production technicians without degrees and train them.
b Large-scale microbial fermentation and downstream processing; 24/7 operations, about 260
  employees.
r Production manager. Trains new operators on aseptic sampling, CIP/SIP and batch records; has sat
  on a college advisory committee.
i 4 | 10 | 2 | advis, intern, shadow, extern

=b06 | emp | bio, health | RV | Greenfield Vaccines
d Fill-finish facility for human vaccines: aseptic filling, lyophilization, visual inspection and
  packaging under cGMP.
b Vaccine fill-finish plant, part of a multinational; 500 employees.
r Site training manager; runs operator qualification and gowning certification.
i 4 | 8 | 2 | advis, curric, extern

=b07 | col | bio | RV | Ashford Community College - Biological Sciences
d Biology department offering general biology, microbiology and a laboratory assistant certificate.
  Exploring whether to add a biomanufacturing track.

=b08 | agy | bio, health | CR | State Public Health Laboratory
d The state's reference lab in Lindell: newborn screening, PCR and genomic sequencing for outbreak
  surveillance, environmental and food testing.
b State agency laboratory with about 200 scientists and technicians.
r Training coordinator; manages the lab's post-graduate fellowship program and is open to short
  teacher residencies.
i 3 | 8 | 2 | extern, intern, guest

=b09 | emp | it | CR | Cellular Plus Wireless
d Cell phone retailer with 11 stores in the Capital Region - sales, activations, screen repair.
  Part-time jobs for students.

=b10 | emp | energy, mfg | HD | Radiant Cell Technologies
d Manufactures monocrystalline solar cells and modules in Basin City. Cleanroom diffusion and
  screen-printing lines, automated stringers and laminators.
b PV cell and module manufacturer; 300 employees.
r HR business partner.
i 3 | 8 | 2 | intern, shadow

=b12 | emp | bio, ag | CR | Oakhurst Animal Health
d Veterinary vaccine R&D and pilot manufacturing. BSL-2 and BSL-3 laboratories.
b Animal health biologics company; R&D and a pilot plant.
r Staff scientist. Warned that BSL-3 areas are off limits and that outside visitors need months of
  clearance, so multi-week visits are hard.
i 2 | 2 | 1 | guest

=b13 | emp | bio | NC | Kelpwise Marine Bio
d Small team extracting and purifying alginate and fucoidan from kelp for nutraceutical and
  wound-care buyers. Lab plus pilot extraction line in Harborview.
b Marine bioproducts startup, 14 employees.
r Lab lead, chemist by training; happy to have an extra pair of hands over the summer.
i 4 | 4 | 1 | extern, intern

=b15 | emp | bio, mfg | RV | Pallister Bioprocess Equipment
d We make single-use bioreactor bags, tubing assemblies and aseptic connectors for biopharma. ISO 7
  cleanroom assembly in Riverton.
b Single-use bioprocess components manufacturer.
r Quality director; cleanroom operations, ISO 13485, supplier quality.
i 3 | 4 | 1 | advis, shadow

=b17 | emp | bio | CR | Quarry Hill Pharmaceuticals
d Generic tablet and capsule manufacturer. QC chemistry lab (HPLC, dissolution), granulation,
  compression and packaging under cGMP.
b Small-molecule generics manufacturer; 220 employees.
r QC manager.
i 3 | 6 | 1 | extern, intern

=b18 | emp | ag, bio | CV | Verdant Seed Genetics
d Vegetable seed breeding. Plant tissue culture lab, marker-assisted selection, greenhouse trials.
b Seed company R&D station.
r Tissue culture lab supervisor.
i 3 | 4 | 1 | extern, shadow

=b19 | emp | bio, health | RV | Halcyon Cell Therapy Manufacturing
d Commercial manufacturing of autologous cell therapies. Cleanroom technicians, QC analysts, and a
  training academy for people coming from other industries.
b Cell therapy manufacturing site; 300 employees and growing.
r Manufacturing training lead; built the site's technician onboarding curriculum.
i 4 | 6 | 2 | advis, extern

=b20 | emp | mfg | RV | Two Forks Brewing
d Craft brewery and taproom in Millrace: 30 bbl brewhouse, canning line.

=b21 | col | bio | CR | Lindell City College - Biotechnology
d AS degree and certificates in biotechnology; students finish with a capstone in an industry lab.
b Community college biotech program.
r Program coordinator; runs an internship placement network with local companies.
i 4 | 8 | 2 | curric, advis, other

# ---- information technology ---------------------------------------------------------------

=c01 | emp | it | CR | Ironbark Managed Security
d 24/7 managed detection and response for hospitals, credit unions and municipalities. Analysts
  triage alerts in Splunk and CrowdStrike and escalate to our IR team.
b MSSP with a security operations center in Lindell; 75 analysts.
r SOC manager; built the tier-1 analyst training program.
i 5 | 10 | 3 | curric, intern, guest, mentor

=c02 | emp | fin | CR | First Statehouse Bank
d Regional bank, 48 branches statewide, headquartered in Lindell. Commercial lending, treasury
  management and consumer banking.
b Regional bank; corporate functions in Lindell including information security and IT.
r Deputy CISO - leads the bank's incident response and threat intelligence teams and chairs a
  financial-sector ISAC working group.
i 4 | 6 | 2 | curric, advis, guest

=c03 | emp | it | NC | Tidewater Data Defense
d Pen testing and red-team shop. Web app, network and social engineering engagements for clients on
  the coast and up and down the state.
b Offensive security consultancy, 12 testers.
r Founder; OSCP, runs a capture-the-flag night for local students.
i 4 | 4 | 2 | curric, guest, mentor

=c04 | agy | it, pub | CR | State Office of Cybersecurity
d Coordinates cyber defense for state agencies; runs the state security operations center and
  incident response team, and supports K-12 and local governments with assessments.
b State agency under the Department of Technology; about 120 staff.
r Workforce lead and former incident responder. Has reviewed course outlines for the community
  colleges.
i 4 | 8 | 3 | curric, advis, guest

=c05 | emp | it | HD | Playa Cloud Campus
d Hyperscale data center campus outside Basin City. Critical facilities crews (electrical, cooling)
  and data center technicians who rack, cable and swap hardware.
b Data center operator; three buildings, 140 staff on site.
r Site operations manager. Hires DC techs with A+ or equivalent and runs a 12-month trainee program.
i 4 | 10 | 3 | appr, intern, shadow

=c06 | emp | it | HD | Pinyon Tech Partners
d Managed services provider for about 200 small businesses and clinics in the High Desert. Help
  desk, Microsoft 365, backups, onsite break-fix.
b MSP with 18 employees.
r Owner; runs the service desk himself. Would hire apprentices for tier-1 tickets and onsite work.
i 5 | 6 | 2 | appr, intern

=c07 | emp | health | HD | High Desert Regional Medical Center
d 240-bed hospital and trauma center in Basin City, plus rural clinics across the High Desert.
b Hospital system; largest employer in the county.
r Director of the IT service desk - 30 desktop support and service desk staff covering the hospital
  and clinics. Would sponsor apprentices if someone else handles the paperwork.
i 4 | 8 | 2 | appr, intern, shadow

=c09 | emp | it | CR | Tallrock Software
d Custom software consultancy. We build web and mobile apps (React Native, Swift, Kotlin) for
  healthcare and government clients - agile teams, code review, pairing.
b 45-person dev shop in Lindell.
r Engineering manager; mentors junior devs and used to coach a robotics team.
i 5 | 8 | 2 | mentor, intern, guest

=c10 | emp | it | CR | Lanternfish Games
d Indie mobile game studio (iOS/Android), 22 developers and artists. Hosts a game jam every spring.
b Independent game studio.
r Studio head; spoke at two high school career days.
i 4 | 4 | 2 | mentor, guest

=c11 | emp | it, pub | CR | Plainform Civic Tech
d We build accessible web services for cities and state agencies: permit portals, benefits
  applications. Team of engineers, product designers and researchers.
b Gov-tech consultancy; 60 staff, mostly remote, office in Statehouse.
r Senior engineer who organizes the company's volunteer program.
i 4 | 6 | 2 | mentor, curric

=c12 | emp | it | RV | Orchard Analytics
d Data engineering and analytics for manufacturers and farms: Python, SQL, dashboards.
b Analytics consultancy in Riverton, 15 staff.
r Founder.
i 3 | 4 | 1 | mentor, guest

=c13 | emp | it | CR | Copperline IT Solutions
d Sells and leases copiers, printers and PCs to offices; field service techs for hardware repair.
b Office equipment dealer.
r Service manager.
i 2 | 2 | 1 | shadow

=c14 | emp | health, fin | CR | Bellweather Health Plan
d Nonprofit health plan serving 600,000 members. Our provider network includes 9,000 physicians;
  roles in claims, member services, network management and actuarial.
b Health insurer.
r Talent acquisition manager.
i 3 | 8 | 2 | intern, shadow

=c15 | emp | it | CR | Summit Call Solutions
d Outsourced customer contact center: tech support lines for consumer electronics and internet
  providers, plus billing support.

=c16 | col | it | CR | Lindell City College - Computer Networking & Cybersecurity
d AS degrees in networking and cybersecurity, a Cisco Networking Academy, and a cyber range used by
  students and local high schools. Credit by exam and articulation agreements available.
b Community college department with six full-time faculty.
r Department chair; oversees articulation agreements with high schools.
i 5 | 10 | 4 | other, curric, guest

=c17 | col | it | CV | Mission Flats Community College - Information Technology
d IT department with an AS in network administration and CompTIA certificate programs. Articulates
  with several valley high schools.

=c18 | col | it | HD | High Desert College - IT Support & Networking
d Certificates in IT support (A+), networking and Linux administration; evening classes; Cisco
  academy.
b Community college CTE division.
r CTE dean.
i 4 | 6 | 3 | other, curric, appr

=c19 | col | it | NC | Harborview College - Cybersecurity
d Cybersecurity AS and a security operations certificate; students compete in the collegiate cyber
  defense competition.

=c20 | col | it | CR | Statehouse Technical Institute - Network Administration
d Public technical institute. Network Administration AAS (routing and switching, Windows Server,
  firewalls) with dual-credit options for high school juniors and seniors.
b Technical institute in Statehouse.
r Dual credit coordinator.
i 4 | 8 | 3 | other, guest

=c21 | col | it | CR | Capitol State University - Computer Science
d Four-year BS and MS in computer science; research groups in machine learning and distributed
  systems.
b Public university CS department.
r Associate chair for undergraduate programs.
i 3 | 6 | 3 | guest, mentor

=c22 | emp | con, it | CR | Vantage Network Services
d Low-voltage contractor: structured cabling, fiber termination, Wi-Fi surveys and security cameras
  for commercial buildings.

=c23 | org | it | CR | CodeSprout
d Nonprofit running free coding clubs and summer bootcamps for teens. Matched 80 volunteer software
  engineers with students last year.
b Youth coding nonprofit.
r Program director; recruits, screens and trains volunteer mentors.
i 5 | 10 | 4 | mentor, guest, other

=c24 | agy | it, pub | CR | State Department of Technology
d Runs the state data centers, network and shared applications; app development teams for the DMV
  and tax modernization projects.
b State IT department.
r Workforce and internship coordinator.
i 3 | 10 | 4 | intern, shadow

=c25 | emp | it | RV | Foxglove Cyber
d Virtual CISO and compliance services for small manufacturers and clinics - HIPAA, CMMC, risk
  assessments, policies.
b Two-consultant advisory firm.
r Principal; ex-auditor, CISSP.
i 4 | 4 | 2 | curric, guest

=c26 | emp | ag | CV | Heartland Growers Network
d Marketing network of 40 family farms selling stone fruit and grapes to grocery chains under one
  label.

=c27 | emp | it | HD | Creosote Communications
d Rural internet provider: fixed wireless and fiber to 9,000 homes and ranches. Tower crews, field
  techs and a small network operations center.
b Rural ISP with 35 employees.
r Network operations manager.
i 4 | 4 | 2 | appr, shadow

=c29 | emp | health | CR | Clearwater Revenue Cycle Partners
d Medical billing and coding, claims follow-up and denial management for physician groups and
  hospitals.

=c30 | agy | it, pub | HD | High Desert County Information Services
d County IT department: help desk for 1,400 county employees, GIS, public safety radio.
b County government IT.
r IT director; the county has hired two student interns a year.
i 3 | 4 | 2 | intern, shadow

=c31 | emp | it | HD | Red Butte Computer Repair
d Computer repair and small-office networking. Took on two apprentices through the state IT
  apprenticeship last year.
b Two-location repair shop.
r Owner; CompTIA A+ and Network+; has mentored apprentices through the state program.
i 5 | 4 | 2 | appr, intern

=c32 | org | fin | CR | Capital Latina Business Network
d Peer network, workshops and a microloan fund for Latina entrepreneurs in the Capital Region.

=b16 | int | bio | RV | BioRiver Alliance
d Life sciences trade association for the River Valley corridor; hosts a biomanufacturing workforce
  council of HR and operations leaders from member companies.
b Industry association with 45 member companies.
r Workforce program manager; can recruit member-company staff for advisory roles.
i 5 | 10 | 4 | advis, other, curric

# ---- health --------------------------------------------------------------------------------

=d01 | emp | health | NC | Saltmarsh Regional Hospital
d 180-bed acute care hospital in Harborview with ICU, labor and delivery, and behavioral health.
  New-grad residency; clinical site for two nursing schools.
b Largest hospital on the North Coast.
r Chief nursing officer; already sits on two college advisory committees and says one more is fine
  if it meets quarterly.
i 5 | 6 | 3 | advis, wbl, shadow

=d02 | emp | health | NC | Driftwood Care Center
d Skilled nursing and rehab, 120 beds. We employ LVNs and CNAs and run our own CNA class on site.
b Skilled nursing facility, part of a three-facility group.
r Director of nursing services.
i 4 | 4 | 2 | advis, wbl

=d03 | emp | health | NC | Coastline Home Health & Hospice
d Home health, palliative care and hospice across three coastal counties. Our RNs and LVNs see
  patients in their homes.
b Home health and hospice agency with 90 clinicians.
r Director of clinical services (RN, 25 years).
i 4 | 4 | 2 | advis, shadow

=d04 | emp | health | NC | Bayfront Medical Billing
d Coding and billing for clinics on the coast. Certified coders, AR specialists, credentialing.

=d05 | emp | health | CR | Capital Mercy Medical Center
d Teaching hospital with 520 beds. Inpatient pharmacy with IV compounding cleanrooms, a core
  clinical lab, and a nurse residency program.
b Flagship hospital of a four-hospital system in the Capital Region.
r Workforce development manager; coordinates student placements across nursing, pharmacy, lab and
  imaging.
i 5 | 20 | 5 | wbl, intern, shadow, advis

=d06 | agy | health, pub | NC | North Coast County Public Health
d County public health department: clinics, immunizations, public health nursing, WIC, environmental
  health.

=d07 | col | health | NC | Harborview College - Nursing
d ADN (RN) program admitting 60 students a year; clinical placements at local hospitals and SNFs.
b Community college nursing program.
r Director of nursing.
i 4 | 4 | 2 | advis, curric, other

=d08 | emp | health | NC | Seastack Kidney Care
d Outpatient dialysis, four locations. Hemodialysis RNs and patient care techs.
b Dialysis provider.
r Clinic manager, RN.
i 3 | 2 | 1 | advis, shadow

=d09 | emp | health | RV | Riverton Regional Health
d Two hospitals and 14 clinics in the River Valley. Outreach lab with patient service centers,
  nursing, imaging, sterile processing.
b Health system with 4,000 employees.
r Manager of student placements.
i 4 | 15 | 4 | wbl, intern, shadow, advis

=d10 | emp | health | NC | Lighthouse Nurse Staffing
d Per diem and travel nurse staffing for hospitals and SNFs on the coast.

=d11 | emp | health | CV | Central Valley Clinical Laboratories
d Reference lab with 22 patient service centers from Kingsbury to Sunfield. Our phlebotomists handle
  walk-in blood draws, pediatric draws and mobile draws at nursing homes.
b Independent clinical laboratory.
r Phlebotomy supervisor; trains every new hire on the draw floor.
i 5 | 12 | 4 | wbl, intern, shadow

=d12 | emp | health | CV | Valley Plasma Center
d Plasma donation center in Mission Flats. Donor floor staff handle screening, needle sticks and
  apheresis machines.
b Plasma collection center owned by a fractionation company.
r Center manager. Trains donor technicians in-house on venipuncture and apheresis; open to externs
  with liability paperwork.
i 4 | 4 | 2 | wbl, shadow

=d13 | emp | health | CV | Orchard Family Health Center
d Federally qualified health center with six sites: primary care, pediatrics, dental, behavioral
  health. Medical assistants room patients, give injections and collect labs.
b FQHC serving farmworker families.
r Clinical operations director.
i 4 | 6 | 3 | wbl, shadow, intern

=d14 | emp | health | CV | Kingsbury General Hospital
d 150-bed community hospital: emergency, surgery, maternity, lab and imaging.
b The county's main hospital.
r HR manager. Students need immunizations, a background check and a signed placement agreement.
i 3 | 6 | 2 | wbl, shadow

=d15 | emp | ag, health | CV | Dos Rios Veterinary Hospital
d Small and large animal practice. Vet assistants and RVTs; on call for the dairies.

=d16 | emp | health | CV | Harvest Dental Group
d Eight general dentistry offices across the valley. We hire and train RDAs, and our office managers
  are always short-staffed.
b Dental group practice.
r Clinical director; RDA and former dental assisting instructor.
i 5 | 6 | 3 | curric, wbl, advis

=d20 | col | health | RV | Ashford Community College - Emergency Medical Services
d State-approved EMT and paramedic programs. Already offers EMT as dual enrollment at two high
  schools.
b Community college EMS program.
r EMS program director.
i 5 | 6 | 3 | other, guest, curric

=d21 | col | health, pub | RV | Riverton Technical College - Fire & EMS Academy
d Fire academy and EMT-Basic courses; skills lab with an ambulance simulator.

=d22 | col | health | CR | Lindell City College - Paramedic Program
d Nationally accredited paramedic program; the EMT prerequisite course runs every term.
b Community college allied health division.
r Paramedic program director.
i 3 | 4 | 2 | other, curric

=d23 | emp | health | RV | Millrace Ambulance
d Private 911 and interfacility ambulance provider. EMTs and paramedics; we run EMT student
  ride-alongs.
b Ambulance company.
r Operations supervisor, paramedic.
i 4 | 6 | 3 | shadow, wbl, guest

=d24 | agy | pub | RV | River Valley Fire District
d Fire district covering six towns: nine stations, ALS engines. Runs a fire explorer post for teens.

=d25 | col | health | HD | High Desert College - EMT
d EMT-Basic and EMR courses on a hybrid schedule for rural students.

=d26 | col | edu | RV | Copper Falls College
d Small community college: general education transfer, business, and an early college / dual
  enrollment office serving nine high schools.
b Community college.
r Dean of dual enrollment.
i 5 | 10 | 6 | other

=d27 | emp | health | CR | Bridgeway Pharmacy
d Independent community pharmacy with four stores: compounding, immunizations, blister packing for
  care homes.
b Family-owned pharmacies.
r Pharmacist-in-charge; precepts tech students every semester.
i 5 | 4 | 2 | wbl, shadow

=d29 | emp | health | CR | Meadowlark Compounding Pharmacy
d Sterile and non-sterile compounding (USP 797 and 795) for clinics and hospice patients.
b Compounding pharmacy.
r Owner-pharmacist.
i 4 | 3 | 1 | wbl

=d30 | emp | health | CR | ScriptLine Central Fill
d Mail-order and central-fill pharmacy with automated dispensing; 40 pharmacy technicians per shift.
b Pharmacy fulfillment operation serving retail chains.
r Technician operations manager.
i 4 | 6 | 3 | wbl, intern

=d31 | emp | health, fin | CR | PharmaStat Benefits
d Pharmacy benefit manager: formulary management, claims adjudication, rebate contracting.

=d32 | emp | health | CV | Valley Drug & Discount
d Drugstore and variety store in Kingsbury with a busy pharmacy counter.

=d34 | emp | health | CR | Smile Studio Pediatric Dentistry
d Pediatric dental office - four dentists, nine assistants.
b Pediatric dental practice.
r Office manager and lead RDA.
i 4 | 3 | 1 | curric, shadow

=d35 | emp | health | NC | Tidepool Community Dental Clinic
d Nonprofit dental clinic with a sliding fee scale; our mobile dental van visits schools.
b Nonprofit community dental clinic.
r Dental director (DDS); used to teach radiography at an RDA program.
i 5 | 4 | 2 | curric, wbl, advis

=d36 | emp | health | HD | Mesa Oral Surgery
d Oral and maxillofacial surgery: extractions, implants, IV sedation. Surgical assistants.
b Surgical specialty practice.
r Lead surgical assistant.
i 3 | 2 | 1 | curric

=d37 | emp | health | RV | Brightline Orthodontics
d Braces and clear aligners; three offices.

=d38 | emp | health | CR | Cuspid Dental Supply
d Distributor of dental consumables, handpieces and sterilizers; service techs repair autoclaves.

=d39 | emp | con | RV | Crown Point Finish Carpentry
d Trim carpentry: crown molding, wainscoting, built-ins, stair rails.

=d40 | emp | health | CR | Precision Dental Lab
d Dental laboratory: crowns, bridges, dentures, CAD/CAM milling.
b Dental lab with 25 technicians.
r Owner, certified dental technician.
i 3 | 2 | 1 | shadow

=d42 | col | health | CV | Cutbank College - Dental Assisting
d RDA program with a 10-chair clinic lab.

=d43 | emp | health | HD | Sagebrush Senior Living
d Assisted living and memory care in Basin City; caregivers and med techs.
b Assisted living community, 90 residents.
r Executive director.
i 3 | 4 | 2 | shadow, wbl

=d44 | emp | health | CV | Valley Medical Imaging
d Outpatient MRI, CT, ultrasound and mammography centers in Mission Flats and Kingsbury.

=d45 | emp | health | NC | North Coast Orthopedic Associates
d Orthopedic surgeons, physical therapy and a sports medicine clinic; athletic trainers cover high
  school games.
b Physician group.
r Practice administrator.
i 3 | 4 | 2 | shadow, guest

=d46 | emp | health | CR | Capital Regional Blood Center
d Nonprofit blood bank: donor centers in Lindell and mobile blood drives at schools and workplaces
  across the Capital Region and the northern Central Valley.
b Blood bank.
r Donor services manager; runs the in-house phlebotomy training program.
i 4 | 6 | 2 | wbl, shadow

=d47 | emp | health | CV | Sunfield Urgent Care
d Walk-in urgent care, three clinics. X-ray and in-house labs.
b Urgent care group.
r Clinic lead; medical assistants here do point-of-care testing and draw blood for send-out labs.
i 3 | 3 | 1 | wbl, shadow

=d49 | emp | health | CR | Capitol Medical Supply & Home Oxygen
d Home medical equipment: oxygen concentrators, hospital beds, wheelchairs; delivery techs.

=d50 | emp | health | NC | Harborview Surgery Center
d Ambulatory surgery center: six ORs, pre-op and PACU nursing.
b Outpatient surgery center.
r Nurse manager.
i 4 | 3 | 1 | advis, shadow

=d51 | emp | health | HD | Desert Sky Pharmacy
d Two retail pharmacies in Basin City with a drive-through and a long-term care packaging room.
b Independent pharmacy.
r Pharmacist-owner; has precepted pharmacy technician trainees.
i 4 | 3 | 1 | wbl

=d19 | col | health | CV | Mission Flats Community College - Allied Health
d Certificates in phlebotomy (CPT-1), medical assisting and EKG technician.

# ---- construction --------------------------------------------------------------------------

=e01 | emp | con, mfg | HD | Sagebrush Steel Fabricators
d Structural steel fabrication and erection for schools, warehouses and mine buildings. AWS D1.1
  certified shop with 40 welders and fitters.
b Steel fabricator and erector in Basin City.
r Shop superintendent, CWI. Has hired welding grads but never run a formal apprenticeship; willing
  to try one.
i 4 | 8 | 3 | appr, intern, shadow

=e02 | emp | energy, con | HD | Basin Pipeline Constructors
d Oil, gas and water pipeline contractor. We hire helpers who want to become pipeliners - pass a 6G
  test and you get your own rig.
b Pipeline contractor; crews move with the work across the desert basins.
r Field superintendent. Pipeliner for 22 years; likes the idea of apprentices but needs helpers who
  can travel.
i 4 | 6 | 3 | appr, shadow

=e03 | emp | mfg | HD | Caliche Trailer Works
d Builds livestock, flatbed and dump trailers. MIG and flux-core on the frame line; small paint
  shop.
b Trailer manufacturer, 65 employees.
r Owner. Would rather grow his own fabricators than fight for experienced ones.
i 4 | 6 | 2 | appr, shadow

=e04 | emp | mfg, energy | HD | Red Rock Mining Services
d Rebuilds haul truck beds, shovel buckets and crusher parts for the copper and lithium mines.
  Hardfacing, line boring, arc gouging.
b Heavy equipment rebuild and welding shop serving mines.
r Shop manager.
i 4 | 6 | 2 | appr, intern

=e05 | emp | con | CV | Valley Ironworks
d Miscellaneous metals: stairs, railings, ornamental gates, light structural. Shop plus field
  welders.
b Ornamental and miscellaneous metals fabricator.
r Owner.
i 3 | 4 | 1 | appr

=e06 | emp | mfg | HD | Desert Weld Supply
d Welding gas, consumables and machines. Counter sales and a cylinder delivery route.

=e07 | int | con | HD | Ironworkers Local 418 Apprenticeship Trust
d Joint labor-management apprenticeship program for ironworkers: structural, reinforcing and welding
  certification. Training center in Basin City.
b Union apprenticeship trust.
r Training coordinator.
i 5 | 10 | 3 | appr, guest, other

=e08 | col | mfg, con | HD | High Desert College - Welding Technology
d Welding certificate and AS; AWS accredited test facility; evening classes. Our faculty have taught
  dual-credit sections at Basin High.
b CTE division; welding program with three faculty.
r Welding program lead; CWI and CWE.
i 5 | 6 | 3 | guest, other, curric

=e11 | emp | con | CR | Halsted & Ruiz Builders
d Woman-owned general contractor - K-12 schools, healthcare, tenant improvements. PMs,
  superintendents and a six-person preconstruction/estimating group.
b General contractor, about $180M annual volume.
r Co-founder and president; started as a project engineer and mentors through a
  women-in-construction group.
i 5 | 8 | 3 | mentor, shadow, intern, curric

=e12 | org | con | CR | Women Building the Capital
d Professional association of women in the construction industry - trades, project management,
  design and engineering. Monthly meetups and a scholarship fund.
b Volunteer-run association, 300 members.
r Board chair; senior project manager at a large GC.
i 5 | 10 | 4 | mentor, guest

=e13 | emp | con | CR | Keel & Timber Construction Management
d Owner's rep and CM-at-risk firm for public works: scheduling (P6), cost control, inspection.
b Construction management firm.
r Principal; PMP, 20 years running school bond programs.
i 4 | 6 | 2 | mentor, curric, guest

=e14 | emp | con | CR | Capitol Concrete
d Concrete subcontractor: foundations, tilt-up, flatwork. 120 field workers; cement mason
  apprentices.
b Concrete subcontractor.
r Field operations manager.
i 3 | 4 | 2 | shadow, mentor

=e15 | emp | con | RV | Ridgeline General Contractors
d Commercial and industrial GC in Riverton. Project managers and supers; our estimating department
  works in Procore and Bluebeam.
b GC with 150 employees.
r Project executive.
i 3 | 4 | 2 | mentor, curric

=e16 | agy | con, pub | CR | State Department of General Services - Capital Projects
d Manages design and construction of state buildings; project managers, construction inspectors and
  cost estimators.
b State department of general services.
r Senior construction project manager; mentors in the department's women-in-leadership program.
i 4 | 4 | 2 | mentor, guest

=e17 | org | con | CR | Capital Homeworks
d Volunteer home repair and new-build nonprofit for low-income homeowners. Site leaders run Saturday
  build days.

=e18 | emp | con | CR | Fairmount Architects
d Architecture and interiors. Fully Revit-based, with a small in-house visualization team.
b Architecture firm, 35 staff.
r Associate principal and BIM manager.
i 3 | 4 | 1 | curric, guest

=e25 | agy | edu | HD | High Desert County Office of Education
d Runs the regional occupational program (ROP) for eight districts - construction, welding and
  health careers courses at a central site - and supports districts with CTE grants.
b County office of education.
r ROP director.
i 4 | 10 | 6 | wbl, other, curric

=e26 | int | con | HD | Desert Building Trades Council
d Council of 14 building trades unions in the High Desert; coordinates apprenticeship outreach and
  the pre-apprenticeship pipeline.
b Labor council.
r Executive secretary.
i 5 | 6 | 3 | appr, advis, other

=e28 | emp | con | RV | Thornbury Mechanical
d Commercial HVAC and plumbing contractor: chillers, boilers, rooftop units, and service agreements
  with hospitals and schools. Sponsors sheet metal and pipefitter apprentices.
b Mechanical contractor, 220 employees.
r Service manager.
i 5 | 8 | 3 | intern, appr, shadow

=e29 | emp | con | RV | Comfort Pros Heating & Air
d Residential furnaces, heat pumps and AC. 25 trucks. We'll put a student in a truck if they have
  their EPA card.
b Residential HVAC contractor.
r Service manager.
i 4 | 4 | 2 | intern

=e30 | emp | energy, con | RV | Glacier Refrigeration Services
d Commercial refrigeration for grocery stores and cold storage: walk-ins, rack systems, ammonia
  plants.
b Commercial refrigeration contractor.
r Operations manager, EPA universal certified; 16 service techs.
i 4 | 4 | 2 | intern, appr

=e31 | emp | con, it | RV | Apex Building Automation
d Building automation and controls - BACnet integration, energy management systems, DDC retrofits.
b Controls contractor.
r Operations manager.
i 4 | 4 | 2 | intern, guest

=e32 | emp | con | CR | Capital Air Balance
d Testing, adjusting and balancing (TAB) of air and hydronic systems in new buildings.

=e33 | emp | con | RV | Riverside HVAC Supply
d Wholesale distributor of HVAC equipment and parts. Counter sales; hosts contractor training
  nights.

=e34 | col | con, energy | RV | Riverton Technical College - HVAC/R
d HVAC/R certificate with EPA 608 testing and NATE prep.

=e35 | emp | energy | RV | River Valley Gas & Electric
d Investor-owned gas and electric utility for the River Valley. Energy efficiency rebates, line
  crews, gas service techs.
b Utility with 2,300 employees.
r Workforce partnerships manager.
i 4 | 10 | 4 | shadow, guest, intern, advis

=e36 | emp | con | CR | Pinnacle Crest Builders
d Large commercial builder. Our VDC group does model coordination and clash detection (Navisworks,
  Revit), 4D scheduling and laser scanning; preconstruction produces conceptual estimates and GMP
  budgets.
b General contractor, 600 employees statewide.
r VDC manager.
i 4 | 6 | 2 | curric, guest, intern

=e37 | emp | con | NC | Estimating Edge
d Independent cost estimating consultants. Quantity takeoff and bid estimates for subcontractors
  (Bluebeam, PlanSwift), conceptual budgets for owners.
b Three-person firm.
r Owner and chief estimator.
i 4 | 3 | 1 | curric

=e38 | emp | con | HD | Sandstone Design-Build
d Design-build firm for warehouses and ag buildings; in-house BIM coordinator and estimator.
b Design-build general contractor.
r Preconstruction manager; runs both estimating and model coordination.
i 4 | 3 | 1 | curric, guest

=e39 | emp | con | CV | Valley MEP Coordination
d MEP detailing and BIM modeling for mechanical and electrical subcontractors. We produce
  coordinated shop drawings and fabrication models.
b Detailing firm with 20 modelers.
r Founder.
i 4 | 4 | 2 | curric, intern

=e40 | emp | it, con | CR | Bidwell Software
d SaaS bid management platform for subcontractors: invitations to bid, online plan rooms, takeoff
  add-on.

=e41 | emp | fin | CR | Ridgeway Auto Claims
d Independent auto claims adjusting. Our adjusters write repair estimates, inspect vehicles and
  handle total losses.

=e43 | emp | con, trans | CV | Orchard Aggregates
d Sand and gravel pits and ready-mix plants; fleet of 80 dump trucks and mixers.
b Aggregates and ready-mix supplier.
r Fleet safety manager; runs an in-house CDL training program for yard workers.
i 4 | 4 | 2 | appr, shadow

=e44 | emp | con | HD | Mesa Electric
d Electrical contractor: commercial, industrial and solar farm collection systems. IBEW signatory.
b Electrical contractor.
r Solar division superintendent.
i 4 | 6 | 2 | intern, appr

=e45 | emp | con | CR | Capital Equipment Rental
d Rents excavators, boom lifts, generators and light towers; equipment delivery and field service.
b Equipment rental company.
r Branch manager.
i 2 | 2 | 1 | shadow

=e46 | emp | con | RV | Stillwater Plumbing
d Residential and light commercial plumbing; water heaters, repipes, drain cleaning.

=e47 | emp | con | NC | Fernridge Timber Framers
d Timber frame homes and barns; hand-cut joinery; shop in Fernridge.

=e48 | int | con | CR | Capital Region Building Industry Association
d Trade association for homebuilders and remodelers; runs a construction career expo and a
  scholarship.

# ---- energy --------------------------------------------------------------------------------

=f01 | emp | energy | HD | Sunstrand Solar Builders
d Utility-scale EPC building three projects (620 MW total) outside Basin City: pile driving,
  racking, module install, DC and AC electrical.
b EPC contractor for solar and storage.
r Site HR and training coordinator.
i 5 | 10 | 4 | intern, shadow, appr

=f02 | emp | energy | HD | Bright Mesa Solar O&M
d Operations and maintenance for 1.4 GW of PV plants - inverter troubleshooting, IV curve tracing,
  module cleaning, SCADA monitoring.
b Solar O&M provider.
r Regional O&M manager.
i 4 | 6 | 2 | intern, shadow

=f03 | emp | energy | HD | Rooftop Revolution
d Residential solar and batteries. Three-person crews install about 40 systems a month.
b Home solar installer.
r Install manager; NABCEP-certified PV installation professional.
i 4 | 4 | 2 | intern

=f04 | emp | energy | HD | Ocotillo Storage Partners
d Battery energy storage developer and operator; four sites with lithium-ion containers tied to
  solar farms.
b Battery storage developer and operator.
r Asset manager.
i 3 | 2 | 1 | shadow, equip

=f05 | emp | energy, con | CV | Valley Sun Electric
d Electrical contractor: ag pumps, solar carports and net-metered arrays for dairies and
  packinghouses.
b Electrical contractor.
r Owner, licensed electrician.
i 3 | 4 | 1 | intern

=f06 | col | energy | HD | High Desert College - Renewable Energy Technology
d Solar PV and wind technician certificates, OSHA 30, rooftop training lab.

=f10 | emp | energy | NC | Bluewater Offshore Wind
d Developing a 1.6 GW floating offshore wind project off Cape Fog. An O&M base at the Port of
  Harborview is planned for 2027; today it's a small team doing permitting, marine surveys and
  community engagement.
b Offshore wind developer.
r Community and workforce manager; keen on schools but notes there are no turbines to visit yet.
i 4 | 4 | 2 | shadow, guest, advis

=f11 | emp | energy | NC | Gale Force Turbine Services
d Field service company - blade inspection and repair, gearbox swaps and scheduled maintenance for
  the land-based wind farms on the coastal ridges. GWO-trained technicians.
b Wind O&M contractor with 50 technicians.
r Regional site lead.
i 4 | 4 | 2 | shadow, intern

=f12 | emp | trans | NC | Harborview Heavy Lift & Stevedoring
d Heavy-lift cargo handling and laydown yard at the port. Staged blades and tower sections for two
  onshore wind projects; also handles lumber, steel and project cargo.
b Stevedoring and heavy-lift contractor.
r Operations manager; runs port safety orientations for visiting groups.
i 4 | 4 | 2 | shadow

=f13 | emp | energy | HD | Windgap Ridge Wind Farm
d 300 MW wind farm, 120 turbines; site team of 18 technicians.
b Wind farm operator.
r Site manager.
i 3 | 4 | 1 | shadow

=f14 | emp | energy | RV | Bluff Top Wind Services
d Turbine maintenance crews trained in high-voltage work and climb rescue; service contracts on the
  river bluffs.
b Wind O&M contractor.
r Site supervisor.
i 3 | 2 | 1 | shadow

=f15 | emp | edu | NC | Windward Sailing School
d Sailing lessons and charters on Harborview Bay; summer youth sailing camp.

=f16 | emp | mfg, energy | NC | Greywater Marine Fabrication
d Heavy steel fabrication on the waterfront: barge repair, marine structures, and transition pieces
  for offshore wind foundations.
b Marine steel fabricator, 90 employees.
r Yard superintendent; certified welding inspector.
i 4 | 6 | 2 | mentor, intern, appr

=f17 | agy | energy, pub | CR | Lindell Municipal Utility District
d Publicly owned electric utility for Lindell. Line crews, substation techs and grid operations;
  runs a lineworker pre-apprenticeship with the community college.
b Municipal electric utility.
r Workforce programs supervisor; coordinates lineworker demos for schools.
i 5 | 8 | 4 | guest, shadow, appr

=f18 | emp | energy | CR | Statewide Power & Light
d Electric utility serving 1.2 million customers. Operations HQ in Lindell and distribution line
  crews in every region; four-year lineman apprenticeship through a JATC.
b Investor-owned utility.
r Manager of workforce development; former journeyman lineman.
i 5 | 12 | 5 | guest, shadow, advis, appr

=f19 | emp | energy, con | CR | Overhead Line Constructors Inc.
d Contractor building and maintaining overhead and underground distribution for utilities.
  Apprentices climb poles in our training yard every day.
b Utility line contractor, 400 employees.
r Safety and training manager; former lineman.
i 4 | 4 | 2 | guest, appr

=f20 | emp | energy | CR | Greenway Vegetation Management
d Line clearance tree trimming around power lines; certified utility arborists.

=f21 | emp | trans | CR | Capital Express Airlines
d Regional airline based at Lindell International. Line maintenance, ramp operations, customer
  service.
b Regional carrier with 40 aircraft.
r Director of maintenance; A&P mechanics.
i 3 | 6 | 2 | shadow, intern

=f22 | emp | energy | NC | Cape Fog Electric Cooperative
d Member-owned electric co-op for the rural coast. Line crews and storm response.
b Rural electric cooperative.
r Operations manager.
i 3 | 2 | 1 | guest

=f23 | emp | energy | HD | Desert Electric Cooperative
d Rural electric co-op with 11,000 miles of line; crews based in Basin City and Red Butte.
b Electric distribution co-op.
r Line superintendent; has done career day demos with the bucket truck.
i 4 | 4 | 2 | guest, shadow

=f24 | int | energy | CR | Western Lineworker Training Alliance
d Outside lineman apprenticeship program: 7,000-hour apprenticeship, climbing school and pole yard
  in Statehouse.
b Joint apprenticeship training committee.
r Training director.
i 5 | 6 | 3 | guest, appr, other

=f25 | emp | it | CR | Capitol Fiber
d Fiber-optic network builder: aerial and underground fiber, splicing, make-ready work on utility
  poles.

=f26 | emp | energy, ag | CV | Dos Rios Biogas
d Dairy digesters that turn manure into renewable natural gas; plant operators and a small
  maintenance crew.

=f29 | emp | energy | RV | Riverton Hydro Station
d 80 MW run-of-river hydro plant; operators, mechanics, electricians.

# ---- agriculture ---------------------------------------------------------------------------

=g01 | emp | ag | CV | Tri-County Tractor & Implement
d Dealer for tractors, combines and implements in Kingsbury and Sunfield with 30 service techs. The
  precision desk handles autosteer, yield monitors and RTK networks.
b Farm equipment dealership, three stores.
r Service manager; former diesel tech; sits on an FFA advisory committee.
i 5 | 8 | 3 | guest, intern, advis

=g02 | emp | ag | CV | Cutbank Farm Equipment Repair
d Independent shop: tractor overhauls, hydraulic cylinders and pumps, PTO and gearbox work. Road
  service truck.
b Independent farm equipment repair shop.
r Owner-mechanic; 30 years on tractors.
i 4 | 3 | 1 | guest, shadow

=g03 | emp | ag | CV | Sunfield Growers Cooperative
d Grower-owned cooperative: grain elevator, custom harvesting, and a shop that maintains 60 pieces
  of equipment.
b Cooperative.
r Operations manager.
i 3 | 4 | 2 | guest, shadow

=g04 | emp | ag | CV | Valley Irrigation Supply
d Pumps, drip and micro-sprinkler systems, filtration - design and service.
b Irrigation supply and design.
r Irrigation designer.
i 3 | 2 | 1 | guest

=g05 | emp | fin, ag | CV | Valley Ag Credit
d Ag lender: operating loans, equipment financing, land loans.

=g06 | emp | fin, ag | CV | Heartland Crop Insurance
d Crop insurance agency for row crops and orchards.

=g07 | emp | trans | RV | Riverton Diesel & Fleet
d Heavy truck repair: engines, brakes, DOT inspections.
b Truck repair shop.
r Service writer.
i 2 | 2 | 1 | shadow

=g08 | emp | ag | HD | Coyote Springs Feed & Tractor
d Feed store with a two-bay tractor repair shop in Coyote Springs.
b Feed and tractor store.
r Owner.
i 3 | 2 | 1 | guest

=g09 | emp | ag | CV | AgriSight Drones
d Drone spraying and multispectral crop scouting for orchards and row crops. FAA Part 107 and Part
  137 pilots.
b Ag drone services.
r Founder; agronomist and licensed pest control adviser.
i 5 | 4 | 2 | extern, guest, intern

=g10 | emp | ag | CV | Furrow Data Systems
d Soil moisture probes, weather stations and a farm dashboard for irrigation scheduling and
  variable-rate prescriptions.
b Agtech startup.
r Customer success lead; spends most of the summer in growers' fields installing probes.
i 4 | 4 | 2 | extern, guest

=g11 | emp | ag | CV | Valley Fresh Farms
d 9,000-acre vegetable grower. RTK-guided tractors, yield mapping, and a GIS team that writes
  variable-rate fertilizer maps.
b Grower-shipper.
r Farm technology manager.
i 4 | 4 | 2 | extern, intern, shadow

=g13 | emp | it | CR | Orbital Imagery
d Satellite imagery analytics for insurers, utilities and city planners.

=g14 | agy | ag | CV | Central Valley Cooperative Extension
d University cooperative extension office: farm advisors for orchards, dairy and irrigation; runs
  field trials of sensors and drones with growers.
b Extension office.
r Farm advisor, irrigation and water management.
i 4 | 4 | 2 | extern, guest, curric

=g15 | emp | ag | HD | Desert Bloom Hydroponics
d Greenhouse hydroponic lettuce and herbs; climate control automation and nutrient dosing.

=g16 | emp | ag | CV | Harvest Moon Farm & Corn Maze
d Pumpkin patch, corn maze and farm stand; fall field trips.

=g17 | emp | ag, mfg | CV | Golden Furrow Tomato Products
d Tomato paste cannery, seasonal (July-October). QA lab checks Brix, color and micro; HACCP and
  preventive controls plan; third-party audits every season.
b Seasonal tomato processor.
r QA manager.
i 4 | 6 | 3 | intern, shadow

=g18 | emp | ag, mfg | CV | Meadowbrook Dairy Cooperative
d Milk processing plant - pasteurization, cheese, whey. Micro lab, sanitation crew, SQF Level 2.
b Dairy processing cooperative.
r Quality and food safety manager; SQF practitioner; supervises the micro lab and sanitation crew.
i 5 | 6 | 3 | intern, shadow, extern

=g19 | emp | ag | CV | Dos Rios Produce Packers
d Packinghouse for citrus and stone fruit: packing lines, cold storage, shipping.
b Fresh fruit packer.
r Food safety coordinator - PrimusGFS audits, environmental swabbing, worker hygiene training.
i 4 | 4 | 2 | intern

=g20 | emp | ag | CV | Kingsbury Meat Company
d Small USDA-inspected meat processor; custom slaughter, sausage kitchen; HACCP plan.
b Meat processor.
r Owner; HACCP-certified.
i 3 | 2 | 1 | intern

=g21 | emp | ag, bio | CR | Capitol Food Testing Lab
d ISO 17025 food testing lab: Listeria, Salmonella, allergen and shelf-life testing for processors.
b Third-party food lab.
r Lab director.
i 4 | 4 | 1 | intern, extern

=g22 | agy | ag, pub | CV | Sunfield County Environmental Health
d Inspects restaurants, markets and food facilities; also wells, septic systems and public pools.

=g24 | emp | ag | HD | Red Butte Cattle Company
d Cow-calf operation on 40,000 acres of rangeland.

=g25 | emp | ag | NC | Fernridge Dairy
d Pasture-based organic dairy, 300 cows.

=g26 | emp | ag | CV | Cottonwood Vineyards & Winery
d Estate winery with 600 acres of vineyards, tasting room and crush facility.
b Estate winery.
r Winemaker.
i 3 | 2 | 1 | shadow

=g27 | emp | ag | CV | Kingsbury Small Engine & Outdoor Power
d Warranty and repair shop for chainsaws, mowers, UTVs and pumps; authorized for most small-engine
  brands.
b Outdoor power equipment dealer and repair shop.
r Owner and lead mechanic; judges the FFA small engines contest every spring.
i 4 | 3 | 2 | guest, shadow

=g28 | emp | ag | CV | Dos Rios Custom Harvesting
d Custom shaking, sweeping and pickup for almond and walnut growers. Every winter our shop tears
  down and rebuilds the shakers, sweepers and the tractors that pull them.
b Custom harvest contractor, 40 machines.
r Shop foreman; hydraulics and diesel.
i 4 | 4 | 2 | guest, intern

=f30 | emp | energy | NC | Fogline Ridge Wind Energy Center
d Operates 64 turbines on Fogline Ridge with a control room and maintenance building at the base of
  the ridge. Technicians handle scheduled service, troubleshooting and climb rescue drills.
b Wind farm owner-operator.
r Plant manager; former wind tech. Groups can tour the shop, see a nacelle mock-up and watch a climb
  rescue drill from the ground.
i 5 | 4 | 2 | shadow, guest

# ---- transportation and logistics ----------------------------------------------------------

=h01 | emp | trans | NC | Harborview International Terminal
d Container terminal at the Port of Harborview: four ship-to-shore cranes, gate operations, yard
  planning. Longshore and clerical jobs.
b Marine terminal operator.
r Terminal manager; runs port tours for schools twice a year.
i 5 | 6 | 3 | shadow, guest, intern

=h02 | emp | trans | NC | Cape Fog Freight Forwarding
d Freight forwarder and licensed customs broker. Ocean and air imports, documentation, tariff
  classification.
b Customs brokerage and forwarding office, 30 staff.
r Branch manager; licensed customs broker.
i 4 | 4 | 2 | shadow, intern

=h03 | emp | trans | NC | Northpoint Distribution Center
d Third-party logistics warehouse (600,000 sq ft) for outdoor gear and grocery clients: pick-pack,
  cross-dock, WMS and RF scanners.
b 3PL warehouse operator with 300 associates.
r General manager.
i 4 | 8 | 3 | shadow, intern, wbl

=h04 | emp | trans | NC | Coastal Carriers Trucking
d Regional trucking company - dry van and flatbed, 120 tractors, terminal in Seastack.
b Regional carrier.
r Terminal manager.
i 3 | 4 | 2 | shadow

=h05 | emp | trans | CR | Capital Fulfillment Hub
d E-commerce fulfillment center near Lindell International: robotics-assisted picking and same-day
  shipping.
b E-commerce fulfillment operator.
r Site HR lead.
i 3 | 4 | 2 | shadow, intern

=h06 | emp | trans | NC | Seaside Events & Logistics
d Event planning and production for weddings, festivals and corporate retreats. We handle venue
  logistics, rentals and staffing.

=h08 | agy | trans, pub | NC | Harborview Port Authority
d Public port authority that owns the marine terminals, rail yard and marina: maritime operations,
  security and real estate.
b Port district.
r Workforce and community relations lead.
i 4 | 6 | 3 | shadow, guest, advis

=h09 | emp | trans | CV | Long Furrow Trucking
d Refrigerated trucking out of Kingsbury - produce and dairy loads statewide. 140 trucks.
b Reefer carrier.
r Safety director; pairs every new driver with a trainer for six weeks.
i 4 | 6 | 3 | appr, shadow

=h10 | emp | trans | CV | Valley Foodservice Distributors
d Delivers food and supplies to restaurants, schools and hospitals across the valley. Fleet of 90
  route trucks and an in-house driving school for warehouse associates who want to move up.
b Broadline foodservice distributor.
r Transportation manager; the in-house CDL school graduates about 20 drivers a year.
i 5 | 6 | 3 | appr, shadow, intern

=h11 | agy | trans, pub | CV | Central Valley Regional Transit
d Fixed-route and paratransit buses in four counties. We pay bus operators to earn a Class B with
  passenger endorsement; the electric bus fleet is growing.
b Public transit agency.
r Training manager.
i 4 | 6 | 3 | appr, shadow, equip

=h13 | emp | trans | CR | Capitol Freight Lines
d LTL carrier with terminals in Lindell and Kingsbury.
b Less-than-truckload carrier.
r Kingsbury terminal manager; says they have run a driver trainee program out of that terminal.
i 4 | 4 | 2 | appr, shadow

=h14 | emp | trans | CV | Valley Driving Academy
d Private truck driving school: Class A and B, four-week course, job placement help.

=h16 | emp | trans | HD | Sandhill Logistics
d Long-haul carrier and truck stop operator; cross-border freight.

=h17 | emp | trans | CR | Voltline Motors
d EV dealership and service center. Our high-voltage certified techs service battery packs and drive
  units. Last year we loaned a cutaway drive unit to a community college.
b EV dealership group.
r Service director.
i 4 | 4 | 2 | equip, guest, shadow

=h18 | emp | trans, energy | RV | Ampere Battery Recycling
d Collects and recycles lithium-ion batteries from cars and electronics; packs are dismantled to
  module level and some second-life modules are resold for stationary storage.
b Battery recycler.
r Business development manager.
i 4 | 2 | 2 | equip, shadow

=h19 | emp | trans | CR | Capital Salvage & Auto Parts
d Auto dismantler and used parts. We pull hybrid and electric car batteries, motors and inverters
  and sell them online.
b Auto recycler.
r Owner. Happy to set aside damaged EV packs and motors for schools if someone handles transport and
  hazmat paperwork.
i 4 | 2 | 1 | equip

=h23 | emp | energy, con | CR | Fleetwise Electrification
d Plans and installs charging depots for fleets: Level 2 and DC fast chargers, switchgear, load
  management.
b EVSE contractor.
r Project manager.
i 3 | 4 | 1 | guest, equip

=h24 | emp | mfg | RV | Torque Drive Systems
d Designs and builds electric motors and inverters for forklifts, mining vehicles and buses.
b Motor and inverter manufacturer.
r Test engineering manager.
i 3 | 4 | 1 | equip, intern

=h25 | emp | mfg, trans | NC | Salt Spray Boatworks
d Builds fiberglass sport-fishing boats and workboats, 22 to 42 ft. Lamination, gelcoat, rigging and
  marine electrical.
b Boat builder with 70 employees.
r Production manager; started as a laminator.
i 5 | 6 | 3 | mentor, intern, shadow

=h26 | emp | trans, mfg | NC | Harborview Shipyard
d Ship repair and drydocking for fishing vessels, ferries and tugs. Welders, pipefitters, marine
  machinists.
b Shipyard.
r HR manager.
i 3 | 6 | 2 | mentor, appr

=h27 | emp | trans | NC | Northsound Marine Electronics
d Installs and services radar, chartplotters, autopilots and AIS on commercial and recreational
  boats.
b Marine electronics installer.
r Owner; ABYC certified marine electrician.
i 4 | 2 | 1 | mentor, shadow

=h28 | emp | trans | NC | Bayside Sail & Rigging
d Sail loft and rigging shop: standing rigging, canvas, sail repair.

=h29 | emp | it | CR | ShipRight
d Online retailer of phone cases and chargers. Orders placed by 2 pm ship the same day.

=h30 | emp | trans | RV | River Valley Houseboats
d Builds and services aluminum houseboats and pontoons; marina in Millrace.
b Houseboat builder.
r Production supervisor; aluminum welding and marine wiring.
i 3 | 2 | 1 | mentor

=h31 | org | trans | NC | Coastal Maritime Heritage Society
d Museum and wooden boat shop where volunteer shipwrights restore historic vessels and teach
  traditional boatbuilding.
b Nonprofit maritime museum.
r Boat shop manager.
i 5 | 4 | 2 | mentor, guest, wbl

=h32 | col | trans | NC | North Coast Maritime Academy
d Maritime college: marine engineering, deck officer training, vessel operations; USCG-approved
  courses.

=h33 | emp | trans | HD | Basin City Aviation
d FBO at Basin City airport: fueling, aircraft parking, flight school.

=h34 | emp | trans | CV | Valley Rail Services
d Short-line railroad and transload yard serving packinghouses.

=h35 | emp | trans | RV | Riverton Auto Group
d Three new-car dealerships (domestic and import) with service departments.

# ---- education and intermediaries ----------------------------------------------------------

=i01 | int | edu | CV | Valley Workforce Collaborative
d Nonprofit intermediary that manages internships for five valley districts: employer recruitment,
  student matching, timesheets, workers' comp and stipends.
b Work-based learning intermediary.
r Executive director.
i 5 | 30 | 10 | wbl, intern, other

=i02 | int | edu | CV | Central Valley Career Connect
d We're the go-between for schools and employers across the southern valley - job shadows,
  internships, teacher externships. One portal, one set of paperwork.
b Work-based learning intermediary.
r Director.
i 5 | 25 | 10 | wbl, intern, extern, other

=i03 | agy | pub, edu | CV | Central Valley Workforce Development Board
d Federally funded workforce board: youth programs, paid work experience for 16-24 year olds,
  employer services.
b Workforce board.
r Youth programs manager.
i 4 | 10 | 5 | wbl, other

=i04 | int | ag | CV | Valley Ag Industry Council
d Association of growers, processors and ag service firms. Runs an ag career day and a summer
  internship program for college students.
b Agricultural trade association.
r Education outreach coordinator.
i 4 | 6 | 3 | other, intern

=i05 | int | edu | CR | Capital Region Education Compact
d Business-education partnership that coordinates internships and mentoring for Capital Region high
  schools and manages a county-wide WBL platform.
b Intermediary.
r Director of work-based learning.
i 5 | 20 | 8 | wbl, intern, mentor, other

=i06 | org | edu | CV | Valley Youth Alliance
d After-school programs and summer camps for middle and high school youth; some job readiness
  workshops.

=i07 | agy | edu | CV | Central Valley County Office of Education
d Provides business services, special education and CTE support (regional occupational program) to
  22 districts.
b County office of education.
r CTE coordinator; already places some ROP students with employers.
i 4 | 12 | 6 | wbl, curric, other

=i09 | int | edu | NC | North Coast Career Pathways Trust
d Regional consortium of coast districts and Harborview College; funds pathway coordinators and an
  internship program.

=i13 | org | edu | RV | Little Acorns Early Learning Centers
d Nonprofit preschools and childcare centers at five sites, with teacher aides in infant, toddler
  and pre-K rooms.
b Early learning nonprofit.
r Director of education.
i 4 | 6 | 3 | wbl, shadow

=i15 | col | edu | RV | Ashford Community College - Early Childhood Education
d ECE certificates and an associate degree for transfer; lab school on campus.

=i17 | emp | edu | RV | Bright Path Tutoring
d Private tutoring center for K-12 math and reading; SAT prep.

=i18 | int | edu | CR | Capital Region Chamber of Commerce
d Chamber with 1,100 member businesses; runs a young professionals group and a summer youth jobs
  drive.
b Chamber of commerce.
r Workforce committee staff.
i 3 | 6 | 3 | other, shadow

=i19 | int | edu | NC | North Coast Economic Alliance
d Attracts and retains employers on the coast; publishes labor market reports; convenes the offshore
  wind and blue economy working groups.
b Economic development nonprofit.
r Workforce analyst.
i 3 | 4 | 2 | advis, other

=i20 | agy | pub | CR | State Apprenticeship Office
d Registers and monitors apprenticeship programs statewide; technical assistance for employers
  starting programs.
b State agency.
r Apprenticeship consultant for the High Desert and Central Valley.
i 4 | 8 | 4 | appr, other

=i21 | agy | pub | HD | High Desert Workforce Board
d Job centers in Basin City and Red Butte; on-the-job training contracts and youth work experience.

=i22 | agy | pub | RV | River Valley Workforce Investment Board
d Employment services, training vouchers and youth programs for four River Valley counties.
b Workforce development board.
r Youth services manager.
i 3 | 8 | 4 | wbl, other

=i23 | org | edu | CR | Pathways Job Center
d Nonprofit job center: resume help, digital literacy, clothing closet, job club.

=i24 | agy | edu | HD | Red Butte Tribal Education Department
d Education services for tribal students: tutoring, college and career advising, summer youth
  employment.

=i25 | agy | edu | CV | Central Valley Migrant Education Program
d Supplemental education for children of migratory farmworkers: summer school, tutoring, leadership
  camps.

=i26 | agy | trans, pub | CR | State Department of Transportation - District 3
d Highway maintenance, design and construction for the Capital Region; engineers, maintenance crews
  and equipment operators.

# ---- public service ------------------------------------------------------------------------

=j01 | agy | pub | NC | Harborview Fire Department
d City fire department: five stations, ALS engine companies, ocean rescue team. Offers station tours
  and a cadet program.
b City fire department.
r Fire captain and training officer.
i 5 | 4 | 3 | guest, shadow

=j02 | agy | pub | NC | North Coast County Sheriff's Office
d Patrol, corrections, coroner, search and rescue, and the county 911 dispatch center.
b County sheriff's office.
r Community relations deputy; coordinates career talks and the explorer program.
i 5 | 4 | 3 | guest, shadow

=j03 | agy | pub | NC | North Coast Office of Emergency Services
d Coordinates tsunami, wildfire and earthquake preparedness; runs the county EOC and CERT trainings.
b County OES.
r Emergency services coordinator.
i 4 | 3 | 2 | guest, curric

=j04 | agy | pub | NC | State Parks - North Coast District
d Rangers, lifeguards and maintenance staff for 12 coastal parks and beaches.

=j05 | agy | pub | CR | State Highway Patrol - Capital Division
d Traffic enforcement, commercial vehicle inspection, and the state capitol protection unit.
b State highway patrol division.
r Public information officer.
i 4 | 2 | 2 | guest

=j06 | emp | pub | NC | SecureCoast Private Security
d Unarmed guards for hospitals, ports and events; alarm response.

=j07 | emp | health | NC | Coastal Medics Ambulance
d Private ambulance service for three coastal counties; EMTs and paramedics; CPR classes for
  schools.

=j08 | agy | pub | CR | Lindell Police Department
d City police: patrol, investigations, a youth explorer program and a community services unit.
b City police department.
r Community services sergeant.
i 4 | 4 | 2 | guest, shadow, mentor

=j09 | agy | pub | NC | State Corrections - Cape Fog Facility
d Medium-security state prison; correctional officers, medical staff and vocational instructors.

=j10 | agy | pub | RV | Riverton Water Reclamation Facility
d City-owned wastewater treatment plant: activated sludge, UV disinfection, biosolids. Operators,
  lab analysts and maintenance mechanics.
b City utility.
r Plant superintendent; grade V wastewater operator.
i 4 | 4 | 2 | intern, shadow

=j11 | agy | pub | RV | River Valley Municipal Water District
d Drinking water from river intake to tap: two treatment plants, 900 miles of pipe, a certified lab.
b Municipal water district.
r Water quality manager; supervises the certified lab and two treatment plants' sampling program.
i 4 | 4 | 2 | intern, shadow

=j12 | agy | pub, ag | RV | State Water Resources Board - River Valley Office
d Regional regulator for water quality permits - stormwater, agricultural runoff, NPDES discharges -
  with field monitoring crews.
b State regulator.
r Environmental scientist who supervises the field monitoring unit.
i 4 | 4 | 2 | intern, guest

=j13 | emp | pub, bio | RV | AquaTest Environmental Labs
d Certified environmental lab: drinking water, wastewater and groundwater testing (metals, nitrates,
  coliform).
b Environmental testing laboratory.
r Lab manager.
i 3 | 2 | 1 | intern

=j14 | agy | ag | CV | Dos Rios Irrigation District
d Delivers surface water to 140,000 acres of farmland; canal operations and groundwater recharge.

=j15 | emp | con | RV | Riverton Pool & Spa
d Pool construction, service and water chemistry; weekly service routes.

=j16 | org | pub | RV | Friends of the River Valley Watershed
d Volunteers monitor water quality at 40 creek sites - temperature, turbidity, E. coli.
b Watershed nonprofit.
r Volunteer monitoring coordinator.
i 5 | 4 | 2 | intern, wbl

=j17 | agy | pub | CR | Lindell Public Works
d Streets, fleet, water distribution and sewer collection for the City of Lindell.
b City public works department.
r Water division superintendent.
i 4 | 4 | 2 | intern, shadow

# ---- finance -------------------------------------------------------------------------------

=k01 | emp | fin | CR | Whitcomb & Sato CPAs
d Audit, tax and advisory for nonprofits, public agencies and family businesses. 50 staff; busy
  season January to April.
b CPA firm.
r Audit partner; chairs the firm's recruiting committee.
i 4 | 3 | 2 | advis, intern, guest

=k02 | emp | fin | CR | Capital Credit Union
d Member-owned credit union with 22 branches in the Capital Region and the High Desert; youth
  savings program and student-run branches inside two high schools.
b Credit union.
r VP of community development.
i 5 | 8 | 4 | advis, shadow, guest, intern

=k03 | emp | fin | CR | Ledgerline Bookkeeping
d Bookkeeping, payroll and QuickBooks cleanup for small businesses.
b Bookkeeping firm with 8 staff.
r Owner; QuickBooks ProAdvisor.
i 5 | 2 | 1 | advis, guest

=k04 | agy | fin, pub | CR | State Controller's Office
d The state's chief fiscal officer: payroll for 300,000 state employees, audits of local
  governments, unclaimed property.

=k05 | emp | fin | CR | Pryor Wealth Advisors
d Financial planning and investment management for families; six CFP advisors.
b Wealth management firm.
r Senior advisor, CFP.
i 3 | 2 | 1 | advis, guest

=k06 | col | edu | CR | Lindell City College - Financial Aid Office
d Helps students apply for grants, loans and work-study; runs FAFSA workshops for high school
  seniors.

=k07 | emp | fin | NC | Coastal Tax Service
d Seasonal tax prep and year-round bookkeeping in Harborview and Cape Fog.

=k09 | emp | fin | HD | High Desert Federal Credit Union
d Credit union for Basin City and surrounding towns; nine branches; auto and home loans.
b Credit union.
r Branch operations manager.
i 5 | 6 | 3 | shadow, intern

=k10 | emp | fin | HD | Mesa Community Bank
d Locally owned bank in Mesa; ag and small business lending; four branches.
b Community bank.
r CFO. Bank is in the middle of a merger and core conversion; can't commit to student visits until
  next year.
i 1 | 0 | 0 | shadow

=k11 | emp | fin | HD | Copper Canyon Bank
d Community bank with six branches across the High Desert; teller and universal banker roles;
  financial literacy classes in schools.
b Community bank.
r Marketing and community relations officer.
i 4 | 4 | 2 | shadow, guest

=k12 | emp | fin | HD | Cactus Flats Insurance Agency
d Home, auto and farm insurance.

=k13 | emp | fin | CV | Valley First Credit Union
d Credit union serving the central valley, 14 branches.
b Credit union.
r Branch manager, Kingsbury.
i 4 | 3 | 2 | shadow

=k15 | emp | fin | HD | Sandhill Tax & Bookkeeping
d Tax preparation and bookkeeping for ranchers and small businesses.

=k16 | org | fin | CR | Young Entrepreneurs of the Capital
d Financial literacy and entrepreneurship lessons delivered by volunteers in classrooms.

=k17 | emp | fin | RV | Riverton Savings Bank
d Savings bank with five branches; mortgages and deposit accounts.

# ---- school districts ----------------------------------------------------------------------

=x01 | dist | edu | CR | Lindell Unified School District
d 42,000 students. Linked Learning academies in health sciences, business and finance, IT, and
  teaching careers; a work-based learning coordinator at every high school.
b Large urban district.
r Director of college and career readiness.
i 5 | 20 | 8 | wbl, other, advis

=x02 | dist | edu | CR | Statehouse Joint Union High School District
d Five comprehensive high schools; pathways in engineering, cybersecurity, construction and culinary
  arts.

=x03 | dist | edu | CR | Elmhurst Heights Unified
d Suburban K-12 district; agriculture and veterinary science pathway with a school farm; culinary
  arts.

=x04 | dist | edu | CR | Capitol Hills Elementary School District
d K-8 district with 11 schools; STEM labs in every middle school.

=x05 | dist | edu | CR | Westgate Unified School District
d Medical careers academy with a hospital partner, a biotech pathway and a sports medicine program.
b Suburban unified district, 18,000 students.
r CTE director.
i 4 | 10 | 4 | wbl, other

=x06 | dist | edu | CR | Lakeview Unified
d Small district; sports medicine and athletic training pathway and an auto shop.

=x07 | dist | edu | CR | Capital Region Charter Academies
d Network of six charter high schools with project-based learning and an IT pathway.

=x08 | dist | edu | NC | Harborview Unified School District
d Coastal district of 9,000 students. CTE in maritime trades (boat building), marine science,
  culinary and hospitality, and fire science.
b Unified district.
r CTE coordinator.
i 4 | 8 | 4 | wbl, other

=x09 | dist | edu | NC | Cape Fog Union High School District
d Three high schools: global logistics academy, a health science and medical technology pathway, and
  agriculture.
b Union high school district.
r Health pathway teacher-lead.
i 4 | 4 | 2 | wbl, other

=x10 | dist | edu | NC | Seastack Unified
d Rural district with 1,100 students and one high school; forestry and welding.

=x11 | dist | edu | NC | Fernridge Unified
d Natural resources and forestry pathway; outdoor school for fifth graders.

=x12 | dist | edu | NC | North Coast Joint Unified
d Public safety academy (fire, law enforcement, EMS) and an engineering pathway.

=x13 | dist | edu | NC | Driftwood Elementary School District
d Four K-6 schools.

=x14 | dist | edu | NC | Bayside Unified School District
d Medical careers pathway with CNA certification in senior year, plus IT and digital media.
b Unified district.
r Pathway coach.
i 4 | 6 | 3 | wbl, other

=x15 | dist | edu | CV | Orchard Grove Unified
d Construction technology academy that builds a house every year; ag mechanics and FFA.
b Unified district.
r CTE director.
i 5 | 8 | 4 | wbl, appr, other

=x16 | dist | edu | CV | Mission Flats Unified School District
d Health careers academy with medical assisting and pharmacy tech tracks, plus law and public
  service.
b Unified district.
r Health careers academy coordinator.
i 5 | 6 | 3 | wbl, other

=x17 | dist | edu | CV | Dos Rios Joint Union High School District
d Ag mechanics, food science and ag business pathways; school farm and meats lab.

=x18 | dist | edu | CV | Sunfield Elementary School District
d K-8, six schools, dual-language immersion.

=x19 | dist | edu | CV | Kingsbury Unified
d Logistics and transportation pathway with a truck driving simulator; welding.

=x20 | dist | edu | CV | Valley Center Unified
d Teaching careers pathway, early childhood education and agriscience.

=x21 | dist | edu | CV | Cutbank Unified
d Rural K-12 district; FFA chapter of 300, ag mechanics shop, sports medicine.
b Rural unified district.
r Superintendent.
i 3 | 2 | 1 | other

=x22 | dist | edu | CV | Cottonwood Unified
d Small district; one high school with a culinary program.

=x23 | dist | edu | RV | Riverton Unified School District
d 26,000 students. Mechatronics and health science academies, and a grow-your-own teacher residency
  that starts with high school teaching-pathway students.
b Unified district.
r Assistant superintendent for educational services.
i 5 | 15 | 6 | wbl, other, advis

=x24 | dist | edu | RV | Ashford Elementary School District
d K-8 district, nine schools. Principals welcome high school volunteers and teaching-pathway
  students as classroom helpers.
b Elementary district.
r Director of human resources; coordinates classroom volunteers.
i 4 | 6 | 4 | wbl

=x25 | dist | edu | RV | Willow Bend Unified
d The Education and Training pathway feeds the district's own instructional aide pipeline; biotech
  pathway at the high school.
b Unified district.
r Pathway coordinator.
i 4 | 6 | 3 | wbl

=x26 | dist | edu | RV | Copper Falls Unified
d Manufacturing and engineering pathways; four elementary schools, one middle, one high school.
b Unified district.
r CTE director.
i 3 | 4 | 2 | wbl, other

=x27 | dist | edu | RV | Millrace Joint Union High School District
d Two high schools; fire science and EMT pathway; HVAC.

=x28 | dist | edu | RV | Granite Bend Unified
d Small rural district, 2,400 students; interested in starting new pathways.

=x29 | dist | edu | RV | Stillwater Unified
d Construction and HVAC pathways at Stillwater High; three elementary schools.
b Unified district.
r Principal, Stillwater High.
i 4 | 4 | 2 | wbl

=x30 | dist | edu | HD | Basin Unified School District
d Largest district in the High Desert (19,000 students). Building trades academy with a full
  carpentry and electrical shop, a welding program, and an IT help desk staffed by students.
b Unified district.
r CTE director.
i 5 | 10 | 5 | wbl, appr, other

=x31 | dist | edu | HD | Yucca Flats Joint Union High School District
d Construction academy at Yucca Flats High using NCCER Core, plus agriculture.
b Union high school district.
r Construction academy teacher; journeyman carpenter.
i 5 | 4 | 2 | wbl, appr

=x32 | dist | edu | HD | Coyote Springs Unified
d Rural K-12. Ag shop with welding booths; FFA.
b Unified district.
r Superintendent-principal.
i 4 | 2 | 1 | wbl, other

=x33 | dist | edu | HD | Dry Lake Unified
d Engineering and robotics; esports; no shop space at the moment.
b Unified district.
r Assistant superintendent.
i 3 | 2 | 1 | other

=x34 | dist | edu | HD | Alkali Lake Elementary School District
d Two K-8 schools.

=x35 | dist | edu | HD | Sagebrush Valley Unified
d Health science academy (EMT, CNA, medical terminology) and public safety.
b Unified district.
r Health academy lead teacher.
i 4 | 4 | 2 | wbl, other

=x36 | dist | edu | HD | Red Butte Unified
d Small district serving Red Butte and tribal lands; the superintendent wants a trades pathway but
  needs a teacher and a shop.

# ---- more colleges -------------------------------------------------------------------------

=y01 | col | mfg, con | HD | Basin Community College - Welding & Fabrication
d Welding and fabrication certificates, SMAW through GTAW and pipe. Offers dual credit to any
  district in the county that signs an MOU.
b Community college.
r Career education dean.
i 5 | 8 | 4 | guest, other, curric

=y02 | col | mfg, con | CV | Cutbank College - Welding
d Welding technology AS; AWS SENSE curriculum; open lab Saturdays.
b Community college.
r Welding instructor.
i 3 | 2 | 1 | guest

=y03 | col | mfg | RV | Riverton Technical College - Welding
d Welding certificates and a pipe welding academy.

=y04 | col | mfg | HD | Mesa Technical Institute
d Private career school: 7-month welding program and an HVAC program; job placement office.
b Private career school.
r Campus director; the school's courses are not transferable for college credit.
i 3 | 4 | 2 | guest

=y05 | col | ag, trans | CV | Mission Flats Community College - Ag & Diesel Technology
d Diesel and ag equipment technology AS; faculty regularly visit high school ag shops.
b Community college.
r Ag & diesel instructor.
i 4 | 4 | 2 | guest, curric

=y06 | col | ag | CV | Central Valley State University - Food Science & Technology
d BS in food science; pilot plant; food safety short courses for industry.

=y07 | col | con | CR | Lindell City College - Construction Management
d Construction management AS and certificates; evening classes taught by working industry
  professionals.
b Community college.
r Construction management program coordinator.
i 4 | 4 | 2 | curric, guest

=y08 | col | energy | NC | Fogline Community College - Wind Energy Technician
d Wind technician certificate with a climbing tower and GWO basic safety training.
b Community college.
r Wind program instructor.
i 4 | 4 | 2 | guest, shadow

=y09 | col | edu | NC | Harborview College - Hospitality & Culinary
d Culinary arts and hospitality management; student-run restaurant.

=y10 | col | edu | CR | Capitol State University - School of Education
d Teacher credential programs; partners with districts on student teaching placements.

=y11 | col | fin | HD | High Desert College - Business & Accounting
d Accounting, business administration and small business certificates.

=y12 | col | ag | CV | Central Valley State University - Precision Agriculture Center
d Research and extension center with drone, sensor and variable-rate equipment field labs on the
  university farm.
b University research center.
r Center director.
i 4 | 4 | 2 | extern, guest, curric

=y13 | col | bio | NC | North Coast State University - Marine Biology
d Marine biology BS and MS; marine lab on the bay.
"""

NEEDS: str = """
=n01 | emp | mfg | RV | intern
t Summer internships for mechatronics students
d Riverton High's mechatronics pathway has 14 rising seniors who have finished two years of
  electrical and fluid power coursework. We want paid 6-8 week summer placements where students help
  maintenance or controls staff keep automated equipment running.
x Industrial maintenance and controls staff: PLC troubleshooting, pneumatics, sensors, motor
  controls, robotics.
s PLC troubleshooting; pneumatics; sensors; motor controls; industrial robotics

=n02 | emp | bio | CR | extern
t Teachers to spend three weeks inside a biotech lab
d Four high school biology and biotech teachers want a three-week summer externship working
  alongside scientists, so they can bring real lab workflows back to class. Wet-lab work is ideal:
  cell culture, assays, quality control.
x A working life-science laboratory willing to host teachers.
s aseptic technique; cell culture; PCR; GMP documentation; pipetting

=n03 | emp, agy | it | - | curric
t Industry reviewers for a cybersecurity curriculum
d A consortium of six districts drafted a two-year cybersecurity pathway (intro to networking, then
  defensive security). We need three to five practitioners to review course outlines and capstone
  labs against what entry-level analysts actually do on the job.
x Working security practitioners - SOC analysts, incident responders, penetration testers.
s SOC analyst; incident response; SIEM; network security; threat detection

=n04 | emp | health | NC | advis
t Advisory board seat for a nursing program
d The North Coast adult school LVN program needs two or three employer representatives for its
  advisory committee, which meets quarterly and signs off on clinical rotation sites and curriculum
  changes.
x Nursing leaders at employers that hire LVNs and RNs.
s clinical nursing; nurse staffing; patient care; clinical rotations

=n05 | emp | health | CV | wbl
t Phlebotomy externship sites
d Adult ed phlebotomy students must complete 40 hours and 50 successful venipunctures under
  supervision before they can sit for state certification. Looking for Central Valley sites that can
  take one or two students at a time.
x Sites where phlebotomists or lab staff perform venipuncture daily.
s venipuncture; specimen collection; specimen processing; patient identification

=n06 | emp | con, mfg | HD | appr
t Welding apprenticeship sponsors
d We're building a registered apprenticeship for graduates of the Basin High welding program and
  need High Desert employers willing to sign on as sponsors and hire one or two apprentices each.
x Employers who employ certified welders.
s SMAW; GMAW; FCAW; structural welding; pipe welding; blueprint reading

=n07 | emp | trans | NC | shadow
t Job shadow days in logistics for high school students
d Sophomores in the global logistics academy need one-day job shadows in the spring: groups of five
  to ten students, half a day on site.
x Logistics, warehousing and freight operations.
s supply chain; warehousing; freight; inventory; shipping and receiving

=n08 | emp | ag | CV | guest
t Guest instructors for an agricultural mechanics class
d Two FFA chapters need practitioners to co-teach units on small engines, hydraulics and tractor
  maintenance - a few class periods each semester.
x Ag equipment technicians and mechanics.
s diesel engines; hydraulics; tractor maintenance; small engines; precision ag guidance

=n09 | emp, org | con | CR | mentor
t Mentors for young women in construction management
d Our construction management club has 12 young women, juniors and seniors. We're looking for women
  (or allies) working in construction - project managers, superintendents, estimators - to meet with
  them monthly through the school year.
x Construction project management professionals.
s project management; scheduling; estimating; site supervision

=n10 | emp | mfg | - | equip
t CNC machines or tooling for a high school machining lab
d A rural district is expanding its machining program and has floor space but only two manual
  lathes. Looking for donated or deeply discounted CNC mills or lathes, tool holders, cutting tools,
  or measuring instruments.
x Machine shops or suppliers able to donate or discount machining equipment.
s CNC machining; tooling; metrology instruments

=n11 | emp | energy | HD | intern
t Solar installation internships
d Graduating seniors who finished the NABCEP-aligned PV installer course need summer internships
  with installers or plant operators in the High Desert.
x Solar PV installation and O&M.
s PV installation; electrical safety; racking; inverters; O&M

=n12 | col | health | RV | other
t College partner for a dual-enrollment EMT course
d Riverton-area high schools want to offer EMT-Basic as dual enrollment for seniors, taught on a
  high school campus. We need a college with an approved EMT program to offer the course for credit
  and either provide the instructor or approve ours.
x An accredited EMT/EMS program at a college.
s EMT-Basic; dual enrollment; EMS education

=n13 | dist | con | HD | wbl
t Districts to pilot a construction pre-apprenticeship
d The building trades council and the state apprenticeship office have money for a two-year pilot of
  a construction pre-apprenticeship (MC3 curriculum) taught in high schools. Looking for two or
  three High Desert districts with shop space and an interested teacher.
x High school districts with building trades or construction pathways.
s construction trades; MC3 curriculum; shop facilities

=n14 | emp | it | CR | mentor
t Software developer mentors for an app development club
d An after-school club of 20 students building mobile apps wants volunteer developers to mentor
  teams every other week, review code and help with a spring demo day.
x Professional software developers.
s mobile app development; Git; code review; agile; UX

=n15 | emp | fin | CR | advis
t Advisory board for an accounting and finance pathway
d Lindell Unified's business and finance academy needs employer members for its advisory board to
  review curriculum, suggest certifications (QuickBooks, Excel) and connect students to internships.
x Accounting and financial services professionals.
s accounting; bookkeeping; financial services; QuickBooks; Excel

=n16 | emp | ag | CV | extern
t Teacher externships in precision agriculture
d Ag science teachers want two-week summer externships to learn how growers are actually using
  drones, GPS guidance, soil sensors and yield data.
x Ag tech and precision agriculture operations.
s precision agriculture; drones; GPS guidance; soil sensors; data analysis

=n17 | emp | con, energy | RV | intern
t HVAC internships
d Second-year HVAC students at the regional ROP need summer internships riding along with
  technicians.
x HVAC/R service and installation.
s HVAC; refrigeration; EPA 608; troubleshooting; ductwork

=n18 | emp | health | CR | wbl
t Pharmacy technician externships
d Pharmacy tech students need 120-hour externships in retail or hospital pharmacies before they can
  register with the state board.
x Pharmacies that employ pharmacy technicians.
s prescription processing; compounding; inventory; pharmacy law

=n19 | emp, agy | trans | CV | appr
t Registered apprenticeship for commercial truck drivers
d The county workforce board wants employers to sponsor 18- to 20-year-old high school grads into a
  CDL apprenticeship: the company pays for Class A training and provides a mentor driver.
x Fleets that employ CDL drivers.
s CDL Class A; commercial driving; fleet safety; mentor driver

=n20 | emp | health | - | curric
t Curriculum review for a dental assisting program
d The state's model dental assisting curriculum is up for revision. Looking for working dental
  professionals to review the chairside, radiography and infection control units.
x Dental practices and clinics.
s chairside assisting; dental radiography; infection control; sterilization

=n21 | agy | pub | NC | guest
t Guest speakers on public safety careers
d The North Coast public safety academy wants speakers from fire, law enforcement and emergency
  management for its monthly careers seminar.
x Public safety agencies.
s firefighting; law enforcement; emergency management; dispatch

=n22 | emp | energy | NC | shadow
t Wind turbine technician job shadows
d Students in the new renewable energy class want to shadow wind technicians. Safety rules limit
  what they can do, so ground-level or port-side work is fine.
x Wind energy operations and maintenance.
s wind turbine maintenance; tower climbing safety; electrical systems

=n23 | int | edu | CV | wbl
t Intermediary to coordinate work-based learning across a county
d Eight small rural districts in the Central Valley want a single organization to recruit employers,
  place students in internships, handle paperwork and liability, and track hours.
x Work-based learning intermediary.
s employer recruitment; student placement; WBL coordination

=n24 | emp | trans, energy | - | equip
t EV components for an automotive electrification lab
d Auto tech programs need high-voltage training aids: retired EV battery modules, electric drive
  units, chargers, insulated tools. Donations or long-term loans.
x Organizations with access to electric vehicle hardware.
s electric vehicles; high-voltage batteries; EV charging; electric drive units

=n25 | emp | it | HD | appr
t IT support technician apprenticeship
d We're starting an IT support apprenticeship (CompTIA A+ plus on-the-job learning) for recent
  graduates in the High Desert, and need employers to hire apprentices for help desk and desktop
  support work.
x Employers with IT support operations.
s help desk; desktop support; troubleshooting; CompTIA A+; ticketing

=n26 | emp | ag | CV | intern
t Food safety and quality internships
d Students in the food science pathway want summer internships in quality assurance - micro testing,
  HACCP records, sanitation audits.
x Food processors with QA or food safety teams.
s food safety; HACCP; quality assurance; microbiology testing; sanitation

=n27 | - | bio | RV | advis
t Advisory board for a biomanufacturing certificate
d The River Valley adult school is launching a 16-week biomanufacturing technician certificate. We
  need advisory members who know what entry-level production and QC technicians do.
x Biomanufacturing production and quality.
s biomanufacturing; GMP; upstream processing; downstream processing; QC

=n28 | emp | trans, mfg | NC | mentor
t Mentors for a maritime trades program
d A North Coast high school maritime trades program (fiberglass, marine systems, small boat
  construction) wants mentors from the marine industry.
x Marine trades professionals.
s boat building; fiberglass; marine systems; ship repair

=n29 | emp | con | - | curric
t Review of a construction estimating and BIM course
d We wrote a senior-year course covering quantity takeoffs, cost estimating and building information
  modeling, and need three or four industry people to review it before state approval.
x Estimators and VDC/BIM coordinators.
s cost estimating; quantity takeoff; BIM; Revit; scheduling

=n30 | dist | edu | RV | wbl
t Classroom placements for Education and Training pathway students
d High schoolers in the teaching career pathway need weekly placements assisting in elementary or
  middle school classrooms.
x School districts with elementary or middle schools.
s classroom support; tutoring; lesson planning

=n31 | emp | fin | HD | shadow
t Job shadows at banks and credit unions
d Business students at three High Desert high schools want to shadow tellers, loan officers and
  branch managers.
x Banks and credit unions.
s banking operations; lending; customer service

=n32 | emp | mfg | CR | extern
t Teacher externship in manufacturing quality
d Two engineering teachers want a summer externship in quality control so they can build units on
  measurement, tolerancing and SPC.
x Manufacturing quality and inspection.
s metrology; SPC; GD&T; inspection; ISO 9001

=n33 | col | it | CR | other
t College partner for networking course articulation
d Lindell high schools want students who complete the two-course networking sequence to earn credit
  toward an associate degree in networking or cybersecurity.
x A community college with a networking or cybersecurity AS degree.
s articulation; networking; Cisco; cybersecurity degree

=n34 | agy | pub | RV | intern
t Water and wastewater internships
d Students in the environmental science pathway want paid internships at public water utilities.
x Public water and wastewater utilities.
s water treatment; wastewater; water quality testing; environmental compliance

=n35 | emp | energy | CR | guest
t Guest instruction from utility lineworkers
d The construction pathway wants lineworkers to demonstrate pole climbing and explain how the
  apprenticeship works.
x Electric utility line crews.
s lineworker; pole climbing; electrical distribution; apprenticeship

=n36 | dist | health, edu | - | wbl
t Districts with health science academies for a clinical rotation pilot
d A hospital system grant will fund a summer clinical rotation program for 60 students. We're
  looking for districts anywhere in the state that already run health science or medical academies
  and can recruit students.
x Districts running health science pathways.
s health science academy; medical assisting; student recruitment

=n37 | col | mfg, con | HD | guest
t College welding faculty for a dual-credit course
d Two rural High Desert high schools want a college to provide a welding instructor, or approve the
  high school teacher, for a dual-credit welding course.
x College welding programs.
s welding instruction; dual credit; AWS certification
"""

# Graded relevance, judged by hand from the texts (see README.md for the rubric).
QRELS: str = """
n01 a01:3 a02:3 a03:3 a04:3 a05:3 a06:2 a16:2 a18:2 a31:2
  a08:1 a12:1 a13:1 a14:1 e31:1 h24:1 a32:1 f29:1
n02 b01:3 b02:3 b03:3 b04:3 b08:2 b13:2 b17:2 b05:2 b06:2 b19:2 b18:2
  b12:1 b21:1 g21:1 b07:1
n03 c01:3 c02:3 c03:3 c04:3 c25:2
  c16:1 c19:1 c05:1 c24:1 c27:1
n04 d01:3 d02:3 d03:3 d05:2 d08:2 d09:2 d50:2
  d06:1 d07:1 d10:1 c07:1 d45:1
n05 d11:3 d12:3 d14:3 d46:3 d13:2 d47:2 d05:2 d09:2
  d19:1 c07:1
n06 e01:3 e02:3 e03:3 e04:3 e05:2 e07:2 a27:2
  e06:1 e08:1 y01:1 a02:1 e26:1 i20:1 h26:1 y04:1 f16:1
n07 h01:3 h02:3 h03:3 h04:3 f12:3 h05:2 h08:2 h13:2
  h34:1 h16:1
n08 g01:3 g02:3 g28:3 g03:2 y05:2 g27:2
  g04:1 g07:1 g08:1 g09:1 g11:1
n09 e11:3 e12:3 e13:3 e16:2 e36:2 e15:2
  e14:1 e17:1 e18:1 y07:1 e48:1 i26:1
n10 a07:3 a08:3 a20:3 a33:3 a34:3 a09:2
  a19:1 a22:1 a24:1 a18:1
n11 f01:3 f02:3 f03:3 f04:2 f05:2 e44:2
  b10:1 f06:1
n12 d20:3 d21:3 d22:2
  d23:1 d24:1 d25:1 d26:1 x27:1
n13 x30:3 x31:3 x32:2 x15:2 e25:2
  x33:1 x36:1 e26:1 x29:1 x02:1
n14 c09:3 c10:3 c11:3 a17:3 c23:2 c12:2 e40:2
  c21:1 c24:1 g13:1
n15 k01:3 k02:3 k03:3 c02:2 k04:2 k05:2 k07:2
  k16:1
n16 g09:3 g10:3 g11:3 g01:2 g14:2 y12:2
  g03:1 g04:1 g13:1 g15:1 b18:1
n17 e28:3 e29:3 e30:3 e31:2 e32:2
  e33:1 e34:1 e35:1
n18 d27:3 d29:3 d30:3 d05:3 d32:2 d51:2
  d09:1 c07:1 d14:1
n19 h09:3 h10:3 e43:3 h13:3 h11:2 h16:2
  h14:1 h04:1 i20:1
n20 d16:3 d34:3 d35:3 d13:2 d36:2 d37:2
  d38:1 d40:1 d42:1
n21 j01:3 j02:3 j03:3 j04:2 j05:2 j09:2 j07:2 d24:2 j08:2
  j06:1 d06:1
n22 f11:3 f30:3 f10:2 f14:2
  f13:1 y08:1 f16:1 f12:1
n23 i01:3 i02:3 i03:2 i05:2 i07:2
  i04:1 i06:1 i09:1 a14:1
n24 h17:3 h18:3 h19:3 h23:2 h24:2
  h11:1 f04:1 h35:1
n25 c05:3 c06:3 c07:3 c31:3 c27:2 c30:2
  c13:1 c15:1 c18:1 x30:1 i20:1
n26 a06:3 g17:3 g18:3 g19:3 g20:2 g21:2
  g22:1 y06:1 a04:1 g11:1 b05:1 b08:1
n27 b05:3 b06:3 b19:3 b01:2 b15:2 b16:2 b17:2
  b07:1 b20:1 b21:1
n28 h25:3 h26:3 h27:3 h28:2 h30:2 h31:2 f16:2
  h32:1 a33:1
n29 e36:3 e37:3 e38:3 e39:3 e11:2 e13:2 e15:2 e18:2
  e14:1 e16:1 e40:1 y07:1 e48:1
n30 x23:3 x24:3 x25:3 x26:2 x28:2 x29:2 i13:2
  x27:1 i15:1 i17:1 x01:1 x20:1 x04:1
n31 k09:3 k11:3 k02:3 k10:2 k13:2
  k12:1 k15:1 c02:1
n32 a07:3 a10:3 a11:2 a09:2 a24:2 b15:2
  a25:1 b17:1
n33 c16:3 c20:3 c17:2 c18:2 c19:2
  c21:1
n34 j10:3 j11:3 j12:3 j13:2 j16:2 j17:2
  j14:1 g22:1
n35 f18:3 f19:3 f17:2 f22:2 f23:2 f24:2 e35:2
  f20:1 f25:1
n36 x01:3 x05:3 x09:3 x14:3 x16:3 x23:3 x35:3 x06:2 x21:2 x27:2
  x12:1 e25:1
n37 e08:3 y01:3 y02:2
  y03:1 y04:1 e07:1 e01:1 e25:1
"""


if __name__ == "__main__":
    raise SystemExit(main())
