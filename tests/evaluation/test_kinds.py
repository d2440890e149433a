"""The learned kind reader tried in session 11 (`evaluation.kinds`, not shipped): how it
weighs the kinds the rules read, and that the model file it wrote loads and reads."""

from datetime import date

import numpy as np

from evaluation.kinds import KINDS, MODEL_FILE, KindModel, fit, load_model, weigh
from matching.lexicon import SECTORS, Entry, Lexicon
from matching.understand import NeedReading, read_need

REGIONS = Lexicon((Entry("North Coast", "", ("Port Alder",)),))


def read(text: str) -> NeedReading:
    return read_need(text, sectors=SECTORS, regions=REGIONS, today=date(2026, 12, 7))


def test_a_named_kind_the_need_does_not_want_is_dropped_and_an_unnamed_one_added() -> None:
    both = read("Our employers keep asking: is there a college with a welding program and "
                "employers who would host juniors?")  # fmt: skip
    assert {k.value for k in both.partner_kinds} == {"college", "employer"}
    odds = dict.fromkeys(KINDS, 0.01) | {"college": 0.9, "employer": 0.03}
    assert [k.value for k in weigh(both, odds, drop=0.05, add=0.5).partner_kinds] == ["college"]

    police = read("ride alongs w local PD for our criminal justice juniors")
    assert police.kinds_assumed  # no kind named: employers, assumed, not required
    weighed = weigh(police, dict.fromkeys(KINDS, 0.05) | {"agency": 0.93}, drop=0.05, add=0.5)
    assert [k.value for k in weighed.partner_kinds] == ["agency"]
    assert not weighed.kinds_assumed
    # Odds that change nothing leave the reading as it was.
    assert weigh(both, dict.fromkeys(KINDS, 0.3), drop=0.05, add=0.5) == both
    assert weigh(both, None, drop=0.05, add=0.5) == both


def test_the_model_learns_kinds_from_vectors_and_round_trips_its_file() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(60, 8))
    wanted = np.zeros((60, len(KINDS)), dtype=int)
    wanted[:, 0] = vectors[:, 0] > 0  # employers wanted where the first axis is positive
    model = fit(vectors, wanted, c=10.0, drop=0.05, add=0.5)
    p = np.array([model.probabilities(v)[0] for v in vectors])
    assert ((p > 0.5) == (vectors[:, 0] > 0)).mean() > 0.9
    assert (np.array([model.probabilities(v)[1] for v in vectors]) < 0.01).all()  # never seen
    again = KindModel.from_json(model.to_json())
    assert np.allclose(again.probabilities(vectors[0]), model.probabilities(vectors[0]))
    shipped = load_model(MODEL_FILE)
    assert shipped.coef.shape == (len(KINDS), 384)
    assert 0 <= shipped.drop < shipped.add <= 1
