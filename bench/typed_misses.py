"""Where the fit label disagrees with the readers on the typed set (bench/data/typed_needs):
per need, the partners the readers graded 2 or more that the scorer did not label good
(missed), those it labelled good that they graded under 2 (wrong), and "nothing fits" said
where some partner fits. A diagnostic for whoever works on the reader or the label, not a
measure (the notebook's cross-validated figures are the measure).

    .venv/bin/python -m bench.typed_misses            # dev set, the setting chosen on all of it
    .venv/bin/python -m bench.typed_misses --holdout  # the held-out writer
"""

import argparse
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from evaluation import typed as et  # noqa: E402
from evaluation.ranking import RELEVANT, CachedEmbedder, prepare  # noqa: E402
from matching.embeddings import SentenceTransformerEmbedder  # noqa: E402

DATA = "bench/data/typed_needs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true")
    args = parser.parse_args()
    model = CachedEmbedder(SentenceTransformerEmbedder())
    dev = et.load(DATA)
    regions = et.regions_of("app/demo/data.json")
    settings = et.label_settings()
    dev_prepared = prepare(dev, model)
    by = [et.answers(dev, dev_prepared, et.typed_needs(dev, model, regions=regions), weights=w)
          for w in settings]  # fmt: skip
    k = et.choose(dev, by, list(range(len(dev.needs))))
    data = et.load(DATA, holdout=True) if args.holdout else dev
    prepared = prepare(data, model) if args.holdout else dev_prepared
    found = (et.answers(data, prepared, et.typed_needs(data, model, regions=regions),
                        weights=settings[k]) if args.holdout else by[k])  # fmt: skip
    names = {p["id"]: p["name"] for p in data.partners}
    print(f"setting good_words={settings[k].good_words} margin={settings[k].good_margin_words}:",
          {m: round(v, 3) for m, v in et.measures(data, found).items()})  # fmt: skip
    for j, need in enumerate(data.needs):
        grades = data.qrels.get(need["id"], {})
        a = found[j]
        fits = {p for p, g in grades.items() if g >= RELEVANT}
        good = {p for p, g in zip(a.ids, a.good, strict=True) if g}
        missed = sorted(fits - good, key=lambda p: -grades[p])[:6]
        wrong = sorted(good - fits)
        if not (missed or wrong):
            continue
        print(f"\n[{need['id']}] {need['text'][:300]}")
        if fits and not good:
            print("  NOTHING FITS SAID, yet readers found fits")
        shown = dict(zip(a.ids, a.relevance, strict=True))
        for p in missed:
            place = f"rel {shown[p]:.2f}" if p in shown else "not shown"
            print(f"  missed {names[p]} (grade {grades[p]:.1f}, {place})")
        for p in wrong:
            print(f"  wrong  {names[p]} (grade {grades.get(p, 0):.1f}, rel {shown[p]:.2f})")


if __name__ == "__main__":
    main()
