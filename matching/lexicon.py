"""The words that name a field of work, a place, or a kind of partner: the lexicon a need
typed in words is read with (`matching.understand`).

Each sector and region is an entry with a short description and the terms that name it.
The shipped sector entries follow the national Career Clusters and the CTE programs schools
commonly run (veterinary assisting, cosmetology, culinary arts, collision repair ...), so a need
in a field no partner on file works in is read as that field, not as the nearest field that
happens to have partners. Conveners edit the entries (descriptions, terms) through the
vocabulary routes; deployments keep their own regions and the towns in them.

A term is a phrase matched on word boundaries, case-insensitive, with a plural "s"/"es"
allowed. A term marked weak (a leading `~`) is evidence only beside others: "FFA" says the
students are in agriculture, not that a veterinary clinic is an agriculture partner. A term
marked exact (a leading `=`) matches its case only: "IT" is information technology, "it" is not.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

#: What a weak term counts for beside a full one.
WEAK = 0.4


def label(value: str) -> str:
    """A vocabulary or enum value as a sentence says it: "health_sciences" reads "health
    sciences". Answers' structured fields keep the value; only the words shown change (the
    vocabularies read either spelling back as the same value)."""
    return " ".join(value.replace("_", " ").split())


@dataclass(frozen=True)
class Entry:
    """One sector or region: its value, what it covers in a few words (said in answers:
    "no partner on file does veterinary and animal care work"), and the terms that name it."""

    value: str
    description: str = ""
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A term of an entry found in a text: where, the words as written, and its weight."""

    value: str
    term: str
    words: str
    start: int
    weight: float


def _alternation(terms: Iterable[str]) -> str:
    """One pattern for `terms`, longest first; the words of a term may be joined by spaces,
    hyphens or slashes ("job-shadow", "HVAC/R"), and a plural "s" or "es" may follow."""
    bodies = [r"[\s\-/]+".join(re.escape(w) for w in t.split())
              for t in sorted(terms, key=lambda t: (-len(t), t))]  # fmt: skip
    return rf"(?<![\w-])(?:{'|'.join(bodies)})(?:e?s)?(?![\w])"


def _key(phrase: str) -> str:
    """A term or a matched phrase as looked up: lower case, one space between words."""
    return " ".join(re.split(r"[\s\-/]+", phrase.lower())).strip()


def singulars(key: str) -> list[str]:
    """`key` less the plurals the patterns allow ("clinics", "benches", "classes")."""
    return [key[:-1], key[:-2]] if key.endswith("es") else [key[:-1]] if key.endswith("s") else []


@dataclass(frozen=True)
class Lexicon:
    """Entries of one kind (sectors or regions), compiled for finding in texts."""

    entries: tuple[Entry, ...]
    by_value: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_value", {e.value: e for e in self.entries})

    @cached_property
    def _compiled(self) -> tuple[list[re.Pattern[str]], dict[str, list[tuple[str, str, float]]]]:
        """Every term in one pattern (longest first, so "vet clinic" is found before "clinic"
        can be), the exact ones in a second, case-sensitive pattern; and what each matched
        phrase, normalised, stands for: (value, term, weight), one per entry naming it."""
        table: dict[str, list[tuple[str, str, float]]] = {}
        loose: set[str] = set()
        exact: set[str] = set()
        for entry in self.entries:
            names = [entry.value.replace("_", " "), *entry.terms]
            for raw in dict.fromkeys(names):
                weak, is_exact = raw.startswith("~"), raw.startswith("=")
                term = " ".join(raw.lstrip("~=").split())
                if not term:
                    continue
                (exact if is_exact else loose).add(term)
                said = (entry.value, term.lower(), WEAK if weak else 1.0)
                if said not in table.setdefault(_key(term), []):
                    table[_key(term)].append(said)
        patterns = [re.compile(_alternation(loose), re.IGNORECASE)] if loose else []
        if exact:
            patterns.append(re.compile(_alternation(exact)))
        return patterns, table

    def find(self, text: str) -> list[Hit]:
        """Every entry's terms found in `text`, in the order they appear; a span found by a
        longer term is not found again by a shorter one inside it ("physical therapy" is not
        also "therapy")."""
        patterns, table = self._compiled
        found: list[Hit] = []
        for pattern in patterns:
            for m in pattern.finditer(text):
                words = " ".join(m.group(0).split())
                key = _key(words)
                saids = table.get(key) or next((table[k] for k in singulars(key) if k in table), [])
                for said in saids:
                    found.append(Hit(said[0], said[1], words, m.start(), said[2]))
        found.sort(key=lambda h: (h.start, -len(h.words)))
        kept: list[Hit] = []
        end = -1
        for hit in found:
            if hit.start < end and not any(k.start == hit.start and k.words == hit.words
                                           for k in kept):  # fmt: skip
                continue  # inside a longer term already found
            kept.append(hit)
            end = max(end, hit.start + len(hit.words))
        return kept

    def describe(self, value: str) -> str:
        entry = self.by_value.get(value)
        return entry.description if entry and entry.description else label(value)

    def terms_of(self, value: str, *, strong: bool = True) -> list[str]:
        """The terms of `value` as lower-case words (its name first); `strong`: weak ones left
        out."""
        entry = self.by_value.get(value)
        if entry is None:
            return []
        names = [entry.value.replace("_", " "), *entry.terms]
        return [t.lstrip("~=").lower() for t in names if not (strong and t.startswith("~"))]

    def with_entries(self, entries: Iterable[Entry]) -> "Lexicon":
        """This lexicon with `entries` added or replacing those of the same value."""
        merged = dict(self.by_value)
        for e in entries:
            merged[e.value] = e
        return Lexicon(tuple(merged.values()))


def scores(hits: Sequence[Hit]) -> dict[str, float]:
    """Each value's weight in `hits`: a distinct term counts once."""
    seen: dict[tuple[str, str], float] = {}
    for h in hits:
        seen[(h.value, h.term)] = max(seen.get((h.value, h.term), 0.0), h.weight)
    out: dict[str, float] = {}
    for (value, _), weight in seen.items():
        out[value] = out.get(value, 0.0) + weight
    return out


def _e(value: str, description: str, terms: str) -> Entry:
    return Entry(value, description, tuple(t.strip() for t in terms.split(";") if t.strip()))


#: The shipped sectors: the Career Clusters, with the CTE programs that are fields of their
#: own where a partner in the cluster could not serve them (a veterinary clinic is not an
#: orchard; an auto-body shop is not a freight carrier). Terms name the work, the workplace
#: and the people in it, not words every field uses ("technician", "safety").
DEFAULT_SECTORS: tuple[Entry, ...] = (
    _e("agriculture", "agriculture and agribusiness",
       "ag; agricultural; agribusiness; farm; farming; farmer; crop; orchard; grower; "
       "ranch; irrigation; agronomy; horticulture; greenhouse; nursery stock; "
       "precision ag; ag mechanics; ag mechanic; food processing; packing house; packinghouse; "
       "almond; pistachio; nut; fruit; dairy farm; ~ffa; ~4-h; harvest; cold storage; "
       "plant science; soil; pest control; tractor"),
    _e("animal_science", "veterinary and animal care",
       "veterinary; veterinarian; vet tech; vet clinic; vet assistant; vet; animal; animal care; "
       "animal health; animal science; livestock; equine; horse; kennel; pet grooming; "
       "groomer; zoo; shelter animal; animal shelter; small animal; large animal; cattle"),
    _e("advanced_manufacturing", "manufacturing",
       "manufacturing; manufacturer; machining; machinist; cnc; welding; welder; weld; "
       "fabrication; fabricator; mechatronics; industrial maintenance; maintenance mechanic; "
       "plc; automation; robotics; tool and die; foundry; casting; metalworking; "
       "assembly line; production line; plant floor; quality control; lean manufacturing; "
       "millwright; sheet metal; composites; stamping; aerospace; machine shop; fab shop"),
    _e("arts_media", "arts, media and communication",
       "graphic design; graphic designer; design studio; film; filmmaking; video production; "
       "videography; broadcasting; broadcast; tv station; television; radio station; "
       "journalism; journalist; newspaper; news station; newscast; tv news; photography; "
       "photographer; animation; "
       "game design; audio production; sound engineering; recording studio; music production; "
       "theater; theatre; stagecraft; digital media; media production; advertising agency; "
       "printing; print shop; publishing"),
    _e("automotive", "automotive service and collision repair",
       "automotive; auto; auto shop; auto body; collision repair; collision; body shop; "
       "car dealership; dealership; auto mechanic; auto repair; automotive technician; "
       "ase; brake; transmission; tire shop; oil change; car repair; vehicle repair"),
    _e("biotech", "biotechnology and life-science labs",
       "biotech; biotechnology; biomanufacturing; bioprocess; biopharma; pharmaceutical; "
       "life science; life-science; laboratory; wet lab; ~lab; cell culture; assay; pcr; "
       "molecular; genomics; microbiology; fermentation; gmp; antibodies; clia; scientist"),
    _e("business_marketing", "business, marketing and sales",
       "business administration; business management; marketing; marketer; sales; "
       "salesperson; retail; retailer; retail store; entrepreneurship; entrepreneur; "
       "small business owner; human resources; =HR; office administration; office manager; "
       "customer service; grocery; grocery store; supermarket; big-box store; "
       "social media marketing; e-commerce; merchandising; real estate"),
    _e("construction", "construction and the building trades",
       "construction; building trades; trades; carpentry; carpenter; framing; "
       "electrician; electrical contractor; plumbing; plumber; hvac; hvac-r; pipefitter; "
       "general contractor; contractor; jobsite; job site; drywall; roofing; masonry; "
       "concrete work; glazier; glazing; ironworker; architecture; architect; drafting; "
       "civil engineering; surveying; surveyor; heavy equipment; equipment operator; "
       "homebuilder; home builder; residential construction; pre-apprenticeship"),
    _e("education", "education and training",
       "teacher preparation; future teachers; teaching career; education pathway; "
       "paraeducator; paraprofessional; early childhood; preschool; childcare; child care; "
       "daycare; day care; tutoring; tutor; instructional aide; educator preparation"),
    _e("energy", "energy and utilities",
       "energy; utility; utilities; power plant; solar; photovoltaic; pv; wind energy; "
       "wind farm; wind turbine; wind tech; turbine; offshore; "
       "offshore wind; lineworker; line worker; lineman; substation; grid; battery storage; "
       "geothermal; renewable; renewable energy; oil and gas; power generation; "
       "electric utility; energy efficiency; biogas; natural gas"),
    _e("environment_natural_resources", "environment and natural resources",
       "forestry; forest; forester; forest service; wildland; logging; timber; "
       "water treatment; wastewater; water quality; environmental science; environmental; "
       "conservation; park ranger; parks; fisheries; fish and wildlife; wildlife; "
       "natural resources; watershed; recycling; waste management; hazardous waste"),
    _e("finance", "banking, accounting and insurance",
       "finance; financial; bank; banking; banker; teller; credit union; accounting; "
       "accountant; bookkeeping; bookkeeper; cpa; tax preparation; insurance; "
       "financial literacy; payroll; loan; lending; investment"),
    _e("health_sciences", "health care",
       "health care; healthcare; health science; hospital; clinic; medical; nursing; nurse; "
       "cna; certified nursing assistant; lvn; rn; patient care; patient; clinical; "
       "allied health; dental; dentist; dental assistant; pharmacy; pharmacist; "
       "pharmacy technician; emt; paramedic; phlebotomy; phlebotomist; radiology; "
       "radiologic; imaging; surgical tech; sterile processing; respiratory therapy; "
       "physical therapy; medical assistant; sports medicine; athletic trainer; "
       "behavioral health; mental health; senior care; assisted living; memory care; "
       "home health; physician; pediatric; orthopedic; ~hosa"),
    _e("hospitality_tourism", "hospitality, culinary and tourism",
       "hospitality; culinary; culinary arts; chef; cook; cooking; kitchen; restaurant; "
       "catering; caterer; baking; bakery; pastry; food service; hotel; motel; resort; "
       "lodging; tourism; travel; event planning; front desk; barista; cafe"),
    _e("human_services", "human services, personal care and counseling",
       "human services; cosmetology; cosmetologist; barber; barbering; salon; hair salon; "
       "esthetics; esthetician; nail salon; beauty; spa; social work; social worker; "
       "~counseling; ~counselor; family services; family and consumer sciences; "
       "case management; food bank; homeless services; youth services; funeral"),
    _e("information_technology", "information technology",
       "information technology; =IT; it support; IT department; tech support; help desk; "
       "software; software developer; web developer; app developer; programming; programmer; "
       "coding; code review; computer science; web development; app development; "
       "cybersecurity; cyber; security operations; network administration; network support; "
       "network engineer; computer network; cloud; data center; database; data analytics; "
       " data science; data scientist; computer repair; fiber optic; broadband"),
    _e("law_public_safety", "law, public safety and corrections",
       "law enforcement; police; police department; sheriff; deputy; police officer; "
       "criminal justice; corrections; correctional; probation; firefighter; "
       "firefighting; fire department; fire science; fire station; emergency dispatch; "
       "911 dispatch; 911; public safety; law firm; lawyer; attorney; legal services; "
       "paralegal; "
       "court; courthouse; forensic; security guard"),
    _e("public_service", "government and public administration",
       "government; public administration; city government; county government; city hall; "
       "public sector; civic; municipal; public policy; planning department; "
       "workforce board; workforce development; chamber of commerce; economic development; "
       "elected official; legislature"),
    _e("transportation_logistics", "transportation and logistics",
       "transportation; logistics; trucking; truck driver; cdl; freight; warehouse; "
       "warehousing; distribution center; supply chain; shipping; port; longshore; "
       "diesel; diesel technician; diesel mechanic; fleet; aviation; aircraft; airport; "
       "airline pilot; flight school; airline; a&p; rail; railroad; transit; truck dispatch; "
       "marine; boat; vessel; "
       "forklift; cross-dock"),
)  # fmt: skip

SECTORS = Lexicon(DEFAULT_SECTORS)


#: Specialties: terms of one field that show one another's work. A skill read from a need
#: ("CNC machinist") is shown by a partner that says any term of its group ("tool and die",
#: "five-axis machining"): shops do the work without using the need's words, and the meaning
#: model reads a die shop far from "machinist". Groups are narrow (a job and its tools, not
#: the whole field), so "welding" is never shown by "machining". Shipped knowledge of CTE
#: programs, not a deployment's vocabulary; names of places ("port", "harbor") stay out, as
#: partners' names and towns hold them.
SPECIALTIES: tuple[tuple[str, ...], ...] = tuple(
    tuple(" ".join(t.split()) for t in group.split(";") if t.strip())
    for group in (
        # manufacturing
        "cnc; machinist; machining; machine shop; tool and die; toolmaker; die maker; lathe; "
        "milling; wire edm; edm; precision grinding; five-axis; precision machining",
        "welding; welder; weld; fabrication; fabricator; fab shop; metal fabrication; smaw; "
        "gmaw; mig; tig; structural steel; boilermaker",
        "mechatronics; industrial maintenance; maintenance mechanic; millwright; plc; "
        "automation; robotics; hydraulics; motion control; servo; industrial automation",
        "quality control; quality inspection; quality assurance; metrology; cmm",
        # health care
        "nursing; nurse; rn; lvn; cna; certified nursing assistant; patient care; "
        "skilled nursing",
        "dental; dentist; dental assistant; dental hygienist; dental hygiene; orthodontist",
        "pharmacy; pharmacist; pharmacy technician",
        "emt; paramedic; ambulance; emergency medical",
        "radiology; radiologic; imaging; x-ray; ultrasound; sonography",
        "physical therapy; physical therapist; sports medicine; athletic trainer; "
        "rehabilitation",
        "phlebotomy; phlebotomist; clinical lab; clinical laboratory; medical laboratory",
        "senior care; assisted living; memory care; home health; long-term care",
        # information technology
        "software; software developer; software engineer; web developer; app developer; "
        "programming; programmer; coding; code review; computer science; web development; "
        "app development; full-stack",
        "cybersecurity; cyber; security operations; network security; information security; "
        "infosec; penetration testing",
        "network administration; network support; network engineer; computer network; "
        "it support; help desk; tech support; managed it; sysadmin; system administrator",
        "data analytics; data science; data scientist; analytics",
        # energy
        "solar; photovoltaic; pv; solar farm; solar installer",
        "wind energy; wind farm; wind turbine; wind tech",
        "lineworker; line worker; lineman; power line; power lines; utility pole; substation; "
        "electric utility; power distribution",
        # construction
        "electrician; electrical contractor; electrical; wiring",
        "plumbing; plumber; pipefitter; pipefitting",
        "hvac; hvac-r; refrigeration; heating and cooling; air conditioning",
        "carpentry; carpenter; framing; home builder; homebuilder; residential construction; "
        "cabinetmaking",
        "heavy equipment; equipment operator; excavation; earthmoving; paving",
        "architecture; architect; drafting; autocad; revit",
        "surveying; surveyor; civil engineering",
        # transportation
        "diesel; diesel technician; diesel mechanic; heavy truck; fleet maintenance",
        "trucking; truck driver; cdl; freight; hauling",
        "aviation; aircraft; aircraft maintenance; airframe; avionics",
        "warehouse; warehousing; distribution center; forklift; cross-dock; fulfillment",
        # agriculture and animals
        "ag mechanics; ag mechanic; tractor; farm equipment",
        "food processing; packing house; packinghouse; processing plant; cold storage",
        "horticulture; greenhouse; nursery stock",
        "veterinary; veterinarian; vet tech; vet clinic; vet assistant; animal hospital",
        # the rest
        "auto mechanic; auto repair; automotive technician; car repair; vehicle repair; "
        "auto shop",
        "auto body; collision repair; body shop",
        "biomanufacturing; bioprocess; gmp; cell culture; fermentation; aseptic",
        "molecular; pcr; genomics; assay; sequencing",
        "accounting; accountant; bookkeeping; bookkeeper; cpa; tax preparation; payroll",
        "bank; banking; banker; teller; credit union",
        "culinary; chef; cook; cooking; kitchen; restaurant; catering; food service",
        "baking; bakery; pastry",
        "hotel; motel; resort; lodging",
        "cosmetology; cosmetologist; barber; barbering; salon; hair salon; esthetician",
        "law enforcement; police; sheriff; deputy; police officer",
        "firefighter; firefighting; fire department; fire science; fire station",
        "law firm; lawyer; attorney; legal services; paralegal",
        "film; filmmaking; video production; videography; broadcasting; broadcast",
        "graphic design; graphic designer; design studio",
    )
)  # fmt: skip


@cache
def _specialty_of() -> dict[str, int]:
    return {_key(t): k for k, group in enumerate(SPECIALTIES) for t in group}


def specialty_forms(skill: str) -> tuple[str, ...]:
    """The other terms of `skill`'s specialty (`SPECIALTIES`), any of which shows its work;
    () when it names none."""
    table = _specialty_of()
    key = next((k for k in (_key(skill), *singulars(_key(skill))) if k in table), None)
    if key is None:
        return ()
    return tuple(t for t in SPECIALTIES[table[key]] if _key(t) != key)
