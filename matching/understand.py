"""Reading a need typed in words as a convener would: every field it states, each with the
words that gave it.

A recruiter who types "a vet clinic that can host two FFA students for job shadows near
Fairhaven" states no fields, yet the words say a job shadow, a clinic (an employer), veterinary
work, the Central Valley (Fairhaven is there) and two slots. What is read, and how:

- **engagement type**: the words that name it ("job shadow", "externship" with "teacher",
  "advisory board", "preceptors", "WBL"), the first match in a fixed order from the most
  specific type to the most general, the first sentence before the rest;
- **partner kinds**: the kinds the ask names ("a college to build a certificate", "a
  hospital"), apart from who is served or who asks ("community college students", "our
  district's juniors", "I run the nursing program at a community college"); none named:
  employers, said as assumed;
- **sectors**: the field, from the sector vocabulary's terms (`matching.lexicon`), so a field
  no partner works in is read as that field, not as the nearest field that has partners;
- **region**: a region, a spelling of it or one of its towns; required of a good fit unless the
  words say the work can be remote;
- **skills, hours, slots, dates** when stated.

Everything read is said in the answer, so a recruiter sees why and can state the fields
instead; a field the caller states is never read from the words.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Generic, TypeVar

from matching.lexicon import Lexicon, label, scores, specialty_forms
from matching.partners import BoolArray, Partners, norm_sector
from matching.ranker import Need, field_wide, field_words, kinds_meant
from matching.spelling import Speller
from matching.types import EngagementType, PartnerKind

# Most specific first: "teacher externships" is not work-based learning, "pre-apprenticeship
# pilot" is an apprenticeship, and "placements" or "clinical" say work-based learning only
# when nothing more specific is named.
TYPE_WORDS: tuple[tuple[EngagementType, str], ...] = (
    (
        EngagementType.teacher_externship,
        r"\bteachers?\W+(?:\w+\W+){0,6}?externships?\b|\bexternships?\W+(?:\w+\W+){0,6}?"
        r"(?:teachers?|educators?|faculty)\b",
    ),
    (
        EngagementType.job_shadow,
        r"\bjob[\s-]*shadow\w*|\bshadow(?:ing|s|ed)?\b|\bsite visits?\b|\b(?:plant|site|facility"
        r"|worksite|field) tours?\b|\b(?:half|full)[\s-]day visits?\b|\bride[\s-]?alongs?\b",
    ),
    (EngagementType.internship_host, r"\bintern(?:s|sh\w*|ing)?\b"),
    (EngagementType.apprenticeship, r"\b(?:pre-?)?apprentice(?:ship)?s?\b"),
    (EngagementType.advisory_board, r"\badvisory\b|\bboard (?:seat|member)s?\b"),
    (
        EngagementType.curriculum_review,
        r"\bcurricul(?:um|a)\b|\bsyllabus\b|\bcourse (?:outline|sequence|design)s?\b"
        r"|\b(?:review|reviewers?|look over|weigh in on|vet|check)\b\W+(?:\w+\W+){0,6}?"
        r"(?:course|class|program|pathway|standards|sequence|certificate|outline|lessons?|units?"
        r"|competenc(?:y|ies))s?\b|\b(?:build|design|develop|co-design|create)s?\W+(?:\w+\W+){0,4}?"
        r"(?:certificate|credential|course|program|pathway)s?\b",
    ),
    (
        EngagementType.guest_instruction,
        r"\bguest\s+(?:speak|instruct|lectur|teach)\w*|\bspeakers?\b|\bclassroom (?:visit|talk)s?\b"
        r"|\bteach (?:a|our|the) class\b|\bjudges?\b"
        r"|\b(?:talk|speak)(?:s|ing)? (?:to|at|with) (?:my|our|the) (?:\w+ )?(?:class|students"
        r"|academy|pathway|program|kids|seniors|juniors)"
        r"|\bpresent(?:ation|er)s?\b|\bcareer (?:day|talk)s?\b|\bdemo(?:nstration)?s?\b",
    ),
    (EngagementType.mentoring, r"\bmentor\w*|\bcoach(?:es|ing)?\b|\bmock interviews?\b"),
    (
        EngagementType.equipment,
        r"\bequipment (?:donation|loan)s?\b|\bdonat\w+|\btooling\b|\bsurplus\b|\bloaners?\b"
        r"|\bused (?:equipment|mill|lathe|machines?|tools|trucks?|engines?)\b"
        r"|\b(?:give|lend|loan|spare)\w* (?:us )?(?:\w+ )?(?:equipment|machines|tools)\b",
    ),
    (
        EngagementType.work_based_learning,
        r"\bwork[\s-]*based learning\b|\b(?-i:WBL)\b|\bwbl\b|\bplacements?\b|\bclinicals?\b"
        r"|\bexternships?\b|\bpart[\s-]*time (?:work|jobs?)\b|\bpreceptor\w*|\brotations?\b"
        r"|\bpracticum\b|\bpaid (?:summer )?(?:jobs?|work)\b|\bsummer jobs?\b|\bwork experience\b",
    ),
)

#: A four-year university asked for (unless the words ask for a community or technical
#: college: "to help our students transfer to a university"), and the words its own profile
#: would use.
_FOUR_YEAR = re.compile(
    r"\b(?:four|4)[\s-]year (?:university|college|school|institution|degree)s?\b"
    r"|\buniversit(?:y|ies)\b|\bbachelor'?s?[\s-](?:granting|degree[\s-]granting)\b"
    r"|\buniv\b|\b(?:four|4)[\s-]?yrs? (?:univ|college|school)",
    re.IGNORECASE,
)
FOUR_YEAR_WORDS = ("university", "bachelor", "baccalaureate", "four-year")

#: Words that name a kind of partner. Workplaces name employers ("a hospital", "a machine
#: shop"): a recruiter asks for the place, not the legal form.
KIND_WORDS: tuple[tuple[PartnerKind, str], ...] = (
    (
        PartnerKind.college,
        r"\bcommunity colleges?\b|\b(?:technical |tech )?colleges?\b|\buniversit(?:y|ies)\b"
        r"|\bpostsecondary\b|(?-i:\bCCs?\b)|\btraining providers?\b|\btrade schools?\b"
        r"|\buniv\b|\b(?:four|4)[\s-]?yrs?\b",
    ),
    (
        PartnerKind.district,
        r"\b(?:school )?districts?\b|(?<!of )(?<!in )(?<!after )(?<!from )(?<!finish )"
        r"(?<!finished )(?<!finishing )(?<!complete )(?<!completing )\bhigh schools?\b"
        r"|\bmiddle schools?\b|\bk-?12\b|\b(?:regional )?(?:career|cte|skills) centers?\b"
        r"|(?-i:\bUSD\b)|\bschools\b",
    ),
    (
        PartnerKind.intermediary,
        r"\bintermediar(?:y|ies)\b|\bworkforce (?:development )?(?:board|council)s?\b"
        r"|(?-i:\bWDBs?\b)|\bchambers?(?: of commerce)?\b|\b(?:industry|trade) associations?\b"
        r"|\beconomic development (?:council|corporation)s?\b|(?-i:\bEDCs?\b)"
        r"|\b(?:industry|trade|mfg|manufacturing|business) assoc\b"
        r"|\b(?:industry|trade|business|employer) (?:group|association|council|partnership)s?\b"
        r"|\b(?:industry|trade) bod(?:y|ies)\b"
        r"|\bconsorti(?:um|a)\b|\bjob centers?\b|\byouth (?:jobs|employment) programs?\b"
        # What intermediaries do: gather employers, sponsor apprentices, place young workers.
        r"|\b(?:round up|recruit|rally|convene|bring together|line up|connect us with)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:businesses|employers|companies)\b"
        r"|\bsponsor paperwork\b|\bregister (?:an? )?(?:youth )?apprentices?\b",
    ),
    (
        PartnerKind.agency,
        r"\bagenc(?:y|ies)\b|\bgovernment\b|\bcity hall\b|\bcity of\b|\bcounty (?:office|government"
        r"|department)s?\b|\bstate department\b|\bdepartment of\b|\bpublic works\b|(?-i:\bDOT\b)"
        r"|\b(?:public health|health|highway|transportation|parks|water|fish and game)"
        r" (?:dept|department)s?\b"
        r"|\b(?:police|fire|sheriff'?s?) (?:department|office|station)s?\b|\bforest service\b"
        r"|\bport authority\b|\btransit (?:agency|authority|district)\b",
    ),
    (
        PartnerKind.community_org,
        r"\bnon-?profits?\b|\bcommunity (?:org\w*|group|partner)s?\b|\bunions?\b"
        r"|\bfoundations?\b",
    ),
    (
        PartnerKind.employer,
        r"\bemployers?\b|\bcompan(?:y|ies)\b|\bbusiness(?:es)?\b|\bfirms?\b|\bindustry\b"
        r"|\bsponsors?\b|\bhospitals?\b|\bclinics?\b|\bpractices?\b|\blabs?\b"
        r"|\blaborator(?:y|ies)\b|\b(?:machine |fab |body |auto |print |repair )?shops?\b"
        r"|\bplants?\b|\bfactor(?:y|ies)\b|\bmanufacturers?\b|\bcontractors?\b"
        r"|\bbuilders?\b|\bhotels?\b|\brestaurants?\b|\bsalons?\b|\bdealerships?\b"
        r"|\bbanks?\b|\bcredit unions?\b|\bfarms?\b|\branch(?:es)?\b|\butilit(?:y|ies)(?![\w-])"
        r"|\bcarriers?\b|\bstartups?\b|\bproviders?\b|\bstudios?\b|\bstations?\b"
        r"|\bwarehouses?\b|\bbaker(?:y|ies)\b|\bkitchens?\b|\bwiner(?:y|ies)\b"
        r"|\bfacilit(?:y|ies)\b|\boperators?\b|\bboatyards?\b|\byards?\b|\bmills?\b",
    ),
)

#: An intermediary asked for by what it does: someone who gathers or knows other partners
#: ("who lines up business people as speakers", "someone who already places young people
#: with employers", "who keeps track of hospital hiring and could bring employers to the
#: table"). The partners it gathers, named after it, are not the ones wanted.
_GATHERS = re.compile(
    r"\b(?:who|someone|somebody|anyone|anybody|organi[sz]ations?|groups?|orgs?)\b"
    r"(?:\s+[\w'-]+){0,4}?\s+(?:(?:lines?|lining|rounds?|rounding|signs?|signing|sets?|setting)"
    r"\s+up|(?:pulls?|pulling|puts?|putting|brings?|bringing)\s+together|convenes?|brokers?"
    r"|connects?|places?|matches|recruits?|keeps?\s+track\s+of|tracks|knows|coordinates?"
    r"|organi[sz]es?|brings?|gets?|does\s+the)"
    r"(?:\s+[\w'/&-]+){0,6}?\s+(?:employers|businesses|business\s+(?:people|owners|leaders)"
    r"|companies|manufacturers|industry|hosts|worksites|job\s+sites|speakers|mentors"
    r"|volunteers|jobs|placements|internships|apprenticeships|panels?|facilit(?:y|ies)"
    r"|hiring|recruiting|(?:working|industry|business)\s+(?:\w+\s+)?(?:folks|people|pros))\b",
    re.IGNORECASE,
)

PLURAL = {
    PartnerKind.employer: "employers",
    PartnerKind.college: "colleges",
    PartnerKind.district: "districts",
    PartnerKind.intermediary: "intermediaries",
    PartnerKind.agency: "agencies",
    PartnerKind.community_org: "community organizations",
}


_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")


def engagement_type(text: str) -> tuple[EngagementType, str] | None:
    """The engagement type the words name, with the words that named it; None when none.
    The first sentence is read first (the ask is said there; the rest may mention other
    kinds of work in passing), then the rest."""
    text = text.strip()
    first = first_sentence(text)
    for part in (first, text[len(first) :]):
        for kind, pattern in TYPE_WORDS:
            found = re.search(pattern, part, flags=re.IGNORECASE)
            if found:
                return kind, " ".join(found.group(0).split())
    return None


def first_sentence(text: str) -> str:
    """The text's first sentence (or line)."""
    text = text.strip()
    return _FIRST_SENTENCE.split(text, maxsplit=1)[0]


# --- Reading a whole need: every field, each with the words that gave it. ---------------

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A field read from the words, and the words that gave it."""

    value: T
    words: str


#: Who is served, not who is wanted: a kind word followed by one of these ("community college
#: students", "the district's juniors", "our college nursing cohort").
_SERVED = (
    r"students?|seniors?|juniors?|sophomores?|freshm[ae]n|kids|youth|learners?|cohorts?|"
    r"class(?:es)?|graduates?|grads|alumni|teachers?|staff|interns|apprentices|members|"
    r"classrooms?|campus(?:es)?|instructors?|faculty|"
    r"counselors?|families|parents|enrollees|trainees|participants|cadets|pathways?|"
    r"academ(?:y|ies)|career\s+(?:days?|fairs?|nights?|expos?|weeks?)|events?|assembl(?:y|ies)|"
    r"teams?|clubs?|chapters?"
)
#: A sentence that opens on the asker's role ("middle school career coord, harbor point.",
#: "District CTE director here:"): the kind before the role is the asker's.
_ROLE_AFTER = re.compile(
    r"^(?:\s+[\w&'/-]+){0,2}?\s+(?:coord(?:inator)?s?|principals?|librarians?|liaisons?"
    r"|administrators?|admins?|directors?|deans?|nurses?)\b",
    re.IGNORECASE,
)
#: The asker, named just before its ask ("Capital Region workforce board looking for", "the
#: consortium respectfully requests", "the district's Perkins allocation").
_ASKER_AFTER = re.compile(
    r"^(?:\s+(?:is|are|\w+ly))*\s+(?:here|looking|seeking|needs|wants|hopes|requests?"
    r"|would like|(?:is|are) hoping)\b",
    re.IGNORECASE,
)
#: A sentence opening on a kind's own thing: "The district's Perkins allocation ...".
_OPENS_ON = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)
#: Who is served, said by a verb before the kind ("would serve the high school pathways").
_SERVES_BEFORE = re.compile(
    r"\b(?:serve|serves|serving|support|supports|supporting|benefit|benefits)\s+(?:the\s+|our\s+"
    r"|both\s+(?:the\s+)?)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: Someone of a kind's staff asked for ("a community college instructor", "any district
#: counselor"): the kind is wanted, where "our college's faculty" is the asker's.
_ONE_OF_STAFF = re.compile(
    r"\b(?:teachers?|instructors?|faculty|staff|counselors?)\s*$", re.IGNORECASE
)
_ANY = re.compile(r"\b(?:a|an|any|some|one)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: Where the students already learn, said by what they do there ("finishing the GIS
#: certificate at the community college", "enrolled in a course at the career center").
_STUDIES_AT = re.compile(
    r"\b(?:finish(?:es|ed|ing)?|complet(?:e|es|ed|ing)|stud(?:y|ies|ied|ying)|enrolled"
    r"|attend(?:s|ed|ing)?|graduat(?:e|es|ed|ing)|taking|took)\b(?:\s+[\w'-]+){0,6}?"
    r"\s+(?:at|from|in)\s+(?:the|our|a|their|my)\s+(?:local\s+|nearby\s+)?$",
    re.IGNORECASE,
)
_SERVED_AFTER = re.compile(
    rf"^(?:'s|s')?(?:\s+(?!(?:for|to|with|who|that|which|and|or|in|at|on|willing|able|"
    rf"near|by)\b)[\w&'-]+){{0,2}}?\s+(?:{_SERVED})\b",
    re.IGNORECASE,
)
#: The asker's own organization: "our district", "my college", "we're a small company".
_SELF_BEFORE = re.compile(
    r"(?:\b(?:our|my|we(?:'re| are)(?: an?| the)?|i(?:'m| am)(?: at| with)?(?: an?| the)?|"
    r"i (?:work|teach) (?:at|for|in)(?: an?| the)?|at our|from our|this)\s+(?:[\w-]+\s+){0,2})$",
    re.IGNORECASE,
)
#: A sentence that introduces the asker, and the verbs that start the ask.
_INTRO = re.compile(
    r"^\W*(?:hi|hello|hey)?\W*(?:i'?m\b|i am\b|i run\b|i teach\b|i work\b|i coordinate\b"
    r"|i lead\b|i direct\b|i oversee\b|i chair\b|i head\b|i manage\b|i supervise\b"
    r"|i handle\b|we'?re\b|we are\b|we run\b|our\b|my\b|this is\b"
    r"|[\w&/ -]{1,30}\b(?<!around )(?<!near )(?<!out )(?<!over )(?<!from )here\b|[\w&/' -]{1,40}:\s"
    r"|(?:[\w&/-]+\s+){0,4}?(?:hr|dean|director|coordinator|manager|lead|teacher|instructor"
    r"|counselor|advisor|principal|chair|owner|president|specialist|recruiter|superintendent"
    r"|head|supervisor)\s+(?:at|for|with|of|in)\b)",
    re.IGNORECASE,
)
#: A sentence that asks for someone, not one that only mentions partners ("the employers
#: around Red Mesa tell me ..."): the first such sentence naming a kind decides.
_ASKS_FOR = re.compile(
    r"\?|\b(?:i|we)(?:'d| would)?\s+(?:\w+\s+)?(?:like|love|need|want|hope|am looking|'m looking"
    r"|are looking|'re looking)\b|\blooking for\b|\bseeking\b|\bin search of\b|\bis there\b"
    r"|\bare there\b|\b(?:can|could|would)\s+(?:someone|anyone|somebody|anybody|you)\b"
    r"|\b(?:does|do)\s+(?:anyone|anybody)\b|^\W*(?:need|needs|needed|want|wanted|seeking)\b"
    r"|\bplease\b|\bneeds?\b",
    re.IGNORECASE,
)
_ASK = re.compile(
    r"\b(?:need|needs|needed|want|wants|wanted|looking for|look for|seeking|seek|hoping|hope"
    r"|find|finding|is there|are there|any|anyone|would|could|can you|request|ask|like)\b",
    re.IGNORECASE,
)
#: A kind named as what is missing ("we don't have employers willing to pay").
_NOT_WANTED = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|didn'?t|did not|can'?t|cannot|never|haven'?t|hasn'?t"
    r"|wasn'?t|weren'?t|won'?t|lack|without|no|not)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: A school named by its proper name after "at", "for" or "from" is where the students are
#: ("the energy academy at Sierra Alta USD", "students from Riverbend CC").
_NAMED_HOME = re.compile(r"\b(?:at|for|from|of|in)\s+(?:[A-Z][\w.'-]*\s+){1,4}$")
_REMOTE = re.compile(
    r"\b(?:remote(?:ly)?|virtual(?:ly)?|online|over zoom|on zoom|via zoom|zoom|video call"
    r"|by video|teams call|from anywhere|statewide)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "a couple of": 2,
                 "a couple": 2, "a few": 3, "several": 3, "a dozen": 12}  # fmt: skip
_NUM = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_SLOTS = re.compile(
    rf"\b{_NUM}\s+(?:more\s+|\w+\s+)?(?:partners?|hosts?|host sites?|sites?|employers?|mentors?"
    r"|speakers?|judges?|slots?|companies|businesses|volunteers?|reviewers?|panelists?"
    r"|members?|seats?|placements?|positions?|openings?|experts?|presenters?)\b",
    re.IGNORECASE,
)
_HOURS = re.compile(
    r"\b(\d{1,4}(?:\.\d+)?)\s*(?:-|to)?\s*(?:\d{1,4}\s*)?(?:hours?|hrs?|h)\b"
    r"(\s*(?:/|a|per|each)\s*(?:month|mo|week|wk|day|session|visit))?",
    re.IGNORECASE,
)
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"  # 2027-03-15
    r"|\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b"  # 3/15/2027
    rf"|\b{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"  # March 15(, 2027)
    rf"|\b{_MONTH}\.?(?:\s+(?:of\s+)?(\d{{4}}))?\b"  # March (2027)
    r"|\b(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4}))?\b",  # summer (2027)
    re.IGNORECASE,
)
_SEASONS = {"spring": ((3, 1), (5, 31)), "summer": ((6, 1), (8, 31)), "fall": ((9, 1), (11, 30)),
            "autumn": ((9, 1), (11, 30)), "winter": ((12, 1), (2, 28))}  # fmt: skip
_STARTING = re.compile(
    r"\b(?:starting|beginning|from|after|begins?|starts?)\s*(?:in\s+)?$", re.IGNORECASE
)
_UNTIL = re.compile(r"(?:through|thru|until|till|to|ending|ends?|-|–)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NeedReading:
    """A need read from words: each field with the words that gave it; `said` says each one
    in a sentence, `served` names the words read as who is served (not a partner wanted)."""

    engagement_type: Found[str] | None = None
    partner_kinds: tuple[Found[str], ...] = ()
    kinds_assumed: bool = False
    served: tuple[str, ...] = ()
    # A four-year university asked for ("a university partner that awards the BS"): the words.
    four_year: str | None = None
    sectors: tuple[Found[str], ...] = ()
    region: Found[str] | None = None
    remote: str | None = None
    skills: tuple[str, ...] = ()
    hours: Found[float] | None = None
    slots: Found[int] | None = None
    starts_on: Found[date] | None = None
    ends_on: Found[date] | None = None
    said_by: tuple[tuple[str, str], ...] = ()  # (field, sentence)

    @property
    def said(self) -> tuple[str, ...]:
        return tuple(sentence for _, sentence in self.said_by)

    def said_except(self, stated: set[str]) -> list[str]:
        """What was read, less the sentences about fields the caller stated (not used)."""
        return [sentence for name, sentence in self.said_by if name not in stated]

    @property
    def region_required(self) -> bool:
        """Whether partners must be in the region read: it was named and the work is not
        said to be remote."""
        return self.region is not None and self.remote is None


def _kind_hits(text: str) -> list[tuple[PartnerKind, re.Match[str]]]:
    hits = [(kind, m) for kind, pattern in KIND_WORDS
            for m in re.finditer(pattern, text, flags=re.IGNORECASE)]  # fmt: skip
    # A span inside a longer one is the longer one's ("fire station" is an agency, not a
    # station that employs).
    hits.sort(key=lambda h: (h[1].start(), -(h[1].end() - h[1].start())))
    kept: list[tuple[PartnerKind, re.Match[str]]] = []
    for kind, m in hits:
        if kept and m.start() < kept[-1][1].end():
            continue
        kept.append((kind, m))
    return kept


def read_kinds(text: str) -> tuple[list[tuple[PartnerKind, str]], list[str]]:
    """The kinds of partner wanted, with the words that named each, and the words that name
    a kind but say who is served or who asks ("community college students", "our district",
    "I run the nursing program at a community college").

    A sentence that introduces the asker ("I'm the WBL coordinator for a district", "HR here
    at a plant") names the asker's kind up to its first asking verb; a kind after "don't
    have" or "can't find" is the trouble, not the ask. The first sentence that names a kind
    wanted decides, unless a later one asks for someone where it did not ("the employers
    around Red Mesa tell me ... I'd like to find a college"); other sentences describe, they
    do not ask. Someone asked to gather partners ("who lines up business people as
    speakers") is an intermediary, and the employers it gathers are not wanted."""
    wanted: list[tuple[PartnerKind, str]] = []
    asked = False
    served: list[str] = []
    for sentence in _sentences(text):
        ask = _ASK.search(sentence)
        asks_from = ask.start() if ask else len(sentence)
        introduces = bool(_INTRO.match(sentence))
        found: list[tuple[PartnerKind, str]] = []
        gathers = _GATHERS.search(sentence)
        if gathers and not _NOT_WANTED.search(sentence[: gathers.start()]):
            found.append((PartnerKind.intermediary, " ".join(gathers.group(0).split())))
        else:
            gathers = None
        for kind, m in _kind_hits(sentence):
            words = " ".join(m.group(0).split())
            after = sentence[m.end() :]
            before = sentence[: m.start()]
            if _NOT_WANTED.search(before):
                continue
            if gathers and kind is PartnerKind.employer and m.end() > gathers.start():
                continue  # the employers an intermediary is asked to gather
            served_after = _SERVED_AFTER.match(after)
            if served_after and _ONE_OF_STAFF.search(served_after.group(0)) and _ANY.search(before):
                served_after = None  # "a community college instructor to review": one wanted
            asker = _ASKER_AFTER.match(after) or (
                (after.startswith("'s ") or _ROLE_AFTER.match(after))
                and _OPENS_ON.fullmatch(before)
            )
            if (served_after or _SELF_BEFORE.search(before) or _NAMED_HOME.search(before)
                    or _SERVES_BEFORE.search(before) or _STUDIES_AT.search(before) or asker
                    or (introduces and m.start() < asks_from)):  # fmt: skip
                tail = served_after.group(0) if served_after else ""
                served.append(" ".join((words + tail).split()))
                continue
            if kind not in {k for k, _ in found}:
                found.append((kind, words))
        asks = bool(_ASKS_FOR.search(sentence))
        if found and (not wanted or (asks and not asked)):
            wanted, asked = found, asks
    return wanted, list(dict.fromkeys(served))


def _sentences(text: str) -> list[str]:
    return [s for s in _FIRST_SENTENCE.split(text.strip()) if s.strip()]


def read_sectors_from(text: str, lexicon: Lexicon, *, most: int = 3, share: float = 0.6) -> (
    list[Found[str]]
):  # fmt: skip
    """The sectors whose terms the words use, strongest first: each distinct term counts
    once (a weak one `lexicon.WEAK`); a sector is read when it weighs at least `share` of the
    strongest, at most `most` of them."""
    hits = lexicon.find(text)
    weight = scores(hits)
    if not weight:
        return []
    best = max(weight.values())
    first = {h.value: h.start for h in reversed(hits)}
    order = sorted(weight, key=lambda v: (-weight[v], first[v]))
    out = []
    for value in order[:most]:
        if weight[value] < share * best:
            break
        terms = dict.fromkeys(h.words for h in hits if h.value == value)
        out.append(Found(value, ", ".join(terms)))
    return out


def _masked(text: str, regions: Lexicon) -> str:
    """`text` with the places it names blanked out (same length, so positions hold)."""
    for hit in regions.find(text):
        text = text[: hit.start] + " " * len(hit.words) + text[hit.start + len(hit.words) :]
    return text


def read_region(text: str, regions: Lexicon) -> Found[str] | None:
    """The region the words name (its name, a spelling of it, or a town in it): the one
    named most, the first named on a tie."""
    hits = regions.find(text)
    if not hits:
        return None
    weight = scores(hits)
    best = max(weight.values())
    for h in hits:
        if weight[h.value] == best:
            return Found(h.value, h.words)
    return None  # pragma: no cover - a hit always has a weight


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def read_slots(text: str) -> Found[int] | None:
    m = _SLOTS.search(text)
    if m is None:
        return None
    n = _number(m.group(1))
    return Found(n, " ".join(m.group(0).split())) if 1 <= n <= 500 else None


def read_hours(text: str) -> Found[float] | None:
    """Hours one partner would give, as stated ("10 hours", "4 hrs/month")."""
    m = _HOURS.search(text)
    if m is None:
        return None
    hours = float(m.group(1))
    return Found(hours, " ".join(m.group(0).split())) if 0 < hours <= 2000 else None


def _year_for(month: int, day: int, year: str | None, today: date) -> date | None:
    y = int(year) if year else today.year
    if year and len(year) == 2:
        y = 2000 + int(year)
    try:
        found = date(y, month, day)
    except ValueError:
        return None
    if not year and found < today:  # "in March" said in December is next March
        found = found.replace(year=found.year + 1)
    return found


def read_dates(text: str, today: date) -> tuple[Found[date] | None, Found[date] | None]:
    """The first date the words state, and the second when it ends a span ("through May",
    "March 1 - May 15"); a season alone gives both ends. Month names alone ("in March") are
    read from today on."""
    found: list[tuple[date, date | None, str, int]] = []
    for m in _DATE.finditer(text):
        g = m.groups()
        words = " ".join(m.group(0).split())
        start: date | None
        end: date | None = None
        if g[0]:
            start = _year_for(int(g[1]), int(g[2]), g[0], today)
        elif g[3]:
            start = _year_for(int(g[3]), int(g[4]), g[5], today)
        elif g[6]:
            start = _year_for(_month(g[6]), int(g[7]), g[8], today)
        elif g[9]:
            if g[9].lower() == "may" and not g[10]:
                continue  # "may" is a verb far more often than a month
            start = _year_for(_month(g[9]), 1, g[10], today)
            if start is not None and not _STARTING.search(text[: m.start()]):
                end = _month_end(start)  # "in March": the month; "starting March": open
        else:
            (m1, d1), (m2, d2) = _SEASONS[g[11].lower()]
            start = _year_for(m1, d1, g[12], today)
            if start is not None:
                end_year = start.year + (1 if m2 < m1 else 0)
                end = date(end_year, m2, d2)
        if start is not None:
            found.append((start, end, words, m.start()))
    if not found:
        return None, None
    start, end, words, _ = found[0]
    first = Found(start, words)
    for later, later_end, later_words, at in found[1:]:
        if _UNTIL.search(text[:at]) and later >= start:
            return first, Found(later_end or later, later_words)
    return first, (Found(end, words) if end is not None else None)


def _month(name: str) -> int:
    name = name.lower()
    return next(i for m, i in _MONTHS.items() if m.startswith(name[:3]))


def _month_end(start: date) -> date:
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def read_need(
    text: str, *, sectors: Lexicon, regions: Lexicon, today: date | None = None
) -> NeedReading:
    """Every field a recruiter's words state, each with the words that gave it.

    Parameters
    ----------
    text : str
        The need as typed.
    sectors, regions : Lexicon, keyword-only
        The sector and region entries with their terms (a deployment's vocabularies).
    today : date, keyword-only
        The day the words are read on: month names alone are read from it on.

    Returns
    -------
    NeedReading
        What was read; kinds none named are employers, said as assumed.
    """
    today = today or date.today()
    said: list[tuple[str, str]] = []
    text, corrections = _speller(sectors, regions).correct(text)
    found_type = engagement_type(text)
    kind_of_work = Found(found_type[0].value, found_type[1]) if found_type else None
    if kind_of_work:
        said.append(
            (
                "engagement_type",
                f"read as {label(kind_of_work.value)} from “{kind_of_work.words}”",
            )
        )
    named, served = read_kinds(text)
    kinds = tuple(Found(k.value, w) for k, w in named)
    assumed = not kinds
    if kinds:
        said.append(("partner_kinds", "looking for " + ", ".join(
            f"{PLURAL[PartnerKind(k.value)]} (“{k.words}”)" for k in kinds)))  # fmt: skip
    else:
        # What CTE programs recruit far most often; said, so a recruiter can correct it.
        kinds = (Found(PartnerKind.employer.value, ""),)
        said.append(("partner_kinds", "looking for employers, as no other kind of partner is "
                     "named (name one, or set partner_kinds, to look elsewhere)"))  # fmt: skip
    four_year = None
    colleges = [k.words.lower() for k in kinds if k.value == PartnerKind.college.value]
    two_year = any(w.startswith(("community", "technical", "tech ", "cc")) for w in colleges)
    if colleges and not two_year and (m := _FOUR_YEAR.search(text)):
        four_year = " ".join(m.group(0).split())
        said.append(("partner_kinds", f"a four-year university asked for (“{four_year}”): "
                     "a college fits well only if its profile says it grants bachelor's "
                     "degrees"))  # fmt: skip
    if served:
        said.append(("partner_kinds", "read as who is served, not a partner wanted: "
                     + ", ".join(f"“{w}”" for w in served)))  # fmt: skip
    region = read_region(text, regions)
    # A place's name is not a field ("Port Alder" is no port).
    fields = read_sectors_from(_masked(text, regions), sectors)
    if fields:
        said.append(("sectors", "field read: " + "; ".join(
            f"{sectors.describe(f.value)} (“{f.words}”)" for f in fields)))  # fmt: skip
    remote_m = _REMOTE.search(text)
    remote = " ".join(remote_m.group(0).split()) if remote_m else None
    if region is not None:
        said.append(("region",
            f"region read: {label(region.value)} (“{region.words}”)"
            + (f"; the work can be {remote}, so partners elsewhere are not held back"
               if remote else "")))  # fmt: skip
    # The field's specific terms, less its name and the workplaces ("vet clinic" is where,
    # not a skill).
    skills = tuple(dict.fromkeys(
        h.words for h in sectors.find(_masked(text, regions))
        if h.weight >= 1 and h.term != h.value.replace("_", " ") and not _kind_hits(h.words)
    ))[:6]  # fmt: skip
    slots, hours = read_slots(text), read_hours(text)
    starts, ends = read_dates(text, today)
    # A correction is said where it gave something read (the field, the place, the kind).
    quoted = " ".join(sentence for _, sentence in said).lower()
    if mattered := [c for c in corrections if c.meant in quoted]:
        said.insert(0, ("text", "read " + ", ".join(f"“{c.typed}” as “{c.meant}”"
                                                    for c in mattered)))  # fmt: skip
    for name, heading, value in (
        ("slots", "slots", slots),
        ("hours", "hours", hours),
        ("starts_on", "starts", starts),
        ("ends_on", "ends", ends),
    ):
        if value is not None:
            said.append((name, f"{heading}: {value.value} (“{value.words}”)"))
    return NeedReading(
        engagement_type=kind_of_work, partner_kinds=kinds, kinds_assumed=assumed,
        served=tuple(served), four_year=four_year, sectors=tuple(fields), region=region,
        remote=remote,
        skills=skills, hours=hours, slots=slots, starts_on=starts, ends_on=ends,
        said_by=tuple(said),
    )  # fmt: skip


@lru_cache(maxsize=8)
def _speller(sectors: Lexicon, regions: Lexicon) -> Speller:
    return Speller.of((sectors, regions), names=(regions,))


def apply_reading(need: Need, reading: NeedReading, lexicon: Lexicon) -> Need:
    """`need` with what `reading` read filled in where the need states nothing: the type,
    the kinds wanted (required of a good fit when named, not assumed), the sectors with their
    terms (the field a good fit must work in) and the region (required when named for on-site
    work). Fields the need states win."""
    kinds = list(need.partner_kinds) or [k.value for k in reading.partner_kinds]
    named_kinds = bool(need.partner_kinds) or not reading.kinds_assumed
    read_sectors = [f.value for f in reading.sectors]
    sectors = list(need.sectors) or read_sectors
    region, region_required = need.region, need.region is not None
    if region is None and reading.region_required and reading.region is not None:
        region, region_required = reading.region.value, True
    return replace(
        need,
        engagement_type=need.engagement_type or (
            reading.engagement_type.value if reading.engagement_type else None),
        partner_kinds=kinds,
        sectors=sectors,
        region=region,
        field_terms=field_terms(sectors, sectors_lexicon=lexicon),
        kinds_required=named_kinds,
        region_required=region_required,
        hours=need.hours or (reading.hours.value if reading.hours else 0.0),
        skills=(skills := list(need.skills) or list(reading.skills)),
        skill_forms=skill_forms(skills),
        kind_words=dict(need.kind_words) or (
            {PartnerKind.college.value: FOUR_YEAR_WORDS} if reading.four_year else {}),
        read_from_words=True,
    )  # fmt: skip


def field_terms(values: Sequence[str], *, sectors_lexicon: Lexicon) -> dict[str, list[str]]:
    """The strong terms of each of `values` the lexicon knows (a value it does not know: its
    own words)."""
    out = {}
    for value in values:
        terms = sectors_lexicon.terms_of(value)
        out[value] = terms or [value.replace("_", " ")]
    return out


@dataclass(frozen=True)
class FieldGap:
    """Why no partner can fit well: nobody on file does the field's work, or nobody of the
    kind wanted in the place needed does. `sentence` says it and whom to recruit."""

    sectors: tuple[str, ...]
    sentence: str


def field_gap(
    partners: Partners, need: Need, sectors: Lexicon, *, working: BoolArray | None = None
) -> FieldGap | None:
    """When no live partner works in the need's field (by sector or words), or none of the
    kind wanted in the region needed does: what to say first, naming whom to recruit.
    None when some partner could fit, or the need has no field read. `working`: which
    partners work in the field, when a ranking worked it out already (`Scored.rel.field_ok`).
    """
    if not need.field_terms:
        return None
    if working is None:
        names = [norm_sector(s) for s in need.sectors]
        working = field_words(partners, need.field_terms.values()) | (
            partners.sector_hits(names) > 0
        )
    wide = field_wide(partners, need)
    if wide is not None:
        working = working | wide
    working = working & partners.alive
    what = " or ".join(sectors.describe(s) for s in need.field_terms)
    kinds = [PartnerKind(k) for k in need.partner_kinds]
    who = " or ".join(PLURAL[k] for k in kinds) if kinds else "partners"
    where = f" in {need.region}" if need.region_required and need.region else ""
    recruit = f"recruit {who} that do {what} work{where}"
    if not working.any():
        return FieldGap(tuple(need.field_terms),
                        f"no partner on file does {what} work: {recruit}")  # fmt: skip
    fitting = working.copy()
    if need.kinds_required and kinds:
        fitting &= partners.of_kinds(kinds_meant(need))
    if need.region_required and need.region:
        fitting &= partners.in_region(need.region)
    if fitting.any():
        return None
    others = int(working.sum())
    return FieldGap(
        tuple(need.field_terms),
        f"no {who}{where} on file do {what} work ({others} partner"
        f"{'s' if others > 1 else ''} elsewhere or of another kind do): {recruit}",
    )


def stored_need(need: Need, lexicon: Lexicon) -> Need:
    """A need stored with its fields, as the scorer takes it: the terms of its sectors are
    the field a good fit works in, and the kinds and region it states are required of one."""
    return replace(
        need,
        field_terms=field_terms(list(need.sectors), sectors_lexicon=lexicon),
        kinds_required=bool(need.partner_kinds),
        region_required=need.region is not None,
        skill_forms=skill_forms(need.skills),
    )


def skill_forms(skills: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """For each skill naming a specialty, the other terms that show its work."""
    return {s: forms for s in skills if (forms := specialty_forms(s))}
