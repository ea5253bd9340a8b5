"""The word gates in front of the extraction's patterns (incidents/text.py): a pattern runs
only on sentences holding one of the words every match needs. They must never change a
match: checked on written rows and on every pattern over every sentence of the demo reports."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from incidents import actors, counts, dates, triggers
from incidents.text import GatedPattern, LexiconPattern, LoweredText, required_words, split_sentences

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "flags", "needed"),
    [
        (r"\bshell(?:ed|ing)?\b", 0, {"shell"}),
        (r"\b(?:air ?strikes?|bombard(?:ed|ment))\b", 0, {"strike", "bombard"}),  # one word of each branch
        (r"\bkilled\s+(\d+)\s+people", re.I, {"killed"}),  # one needed run: the first of the longest
        (r"\d+|a", 0, None),  # a branch that needs nothing: no gate
        (r"(?:clash(?:es)?)?\s*", 0, None),  # optional: no gate
        (r"(?-i:\bIS\b) fighters", 0, {" fighters"}),  # a group that changes flags is not read
        (r"(?=rebels)\w+", 0, None),  # look-arounds are not read
        (r"[", 0, None),  # does not parse: no gate, the pattern runs (and fails) as before
    ],
)
def test_required_words(pattern, flags, needed):
    assert required_words(pattern, flags) == needed


def test_a_sentence_without_the_words_is_skipped_and_one_with_them_matches_as_before():
    shelling = LexiconPattern(r"\bshell(?:ed|ing)\b")
    assert shelling.search(LoweredText("Troops marched on the town.")) is None
    assert shelling.search(LoweredText("Artillery SHELLED the town.")).group(0) == "shelled"
    six = GatedPattern(re.compile(r"\bsix\b", re.I))
    assert six.search(LoweredText("\u017fix were hurt")) is not None  # IGNORECASE pairs the long s with "s"
    assert six.search(LoweredText("seven were hurt")) is None


def _demo_sentences() -> list[str]:
    sentences = set()
    with (REPO / "data" / "reports" / "demo_reports.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            sentences.update(s.text if hasattr(s, "text") else str(s) for s in split_sentences(json.loads(line)["text"]))
    return sorted(sentences)


def test_every_gated_pattern_matches_exactly_as_its_plain_regex_on_the_demo_reports():
    sentences = _demo_sentences() + ["\u0130stanbul police shelled nothing", "\u017fix killed"]
    lexicon = [entry[0] for entry in triggers._COMPILED] + [entry[0] for entry in actors._COMPILED]
    gated = list(dates._GATED_RULES) + [v for v in vars(counts).values() if isinstance(v, GatedPattern)]
    gated += [g for v in vars(counts).values() if isinstance(v, list) for g in v if isinstance(g, GatedPattern)]
    assert len(lexicon) > 100 and len(gated) > 15
    checked = 0
    for sentence in sentences:
        text = LoweredText(sentence)
        for pattern in lexicon:
            plain = re.compile(pattern.pattern, re.IGNORECASE)
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(sentence)], \
                (pattern.pattern, sentence)
            checked += 1
        for pattern in gated:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in pattern.regex.finditer(sentence)], \
                (pattern.regex.pattern, sentence)
            checked += 1
    assert checked > 10_000


def test_the_words_a_sentence_holds_are_found_in_one_scan_overlapping_ones_included():
    from incidents.text import _Vocabulary

    words = {"bomb", "bombard", "bard", "arde", " on ", "shell", "shelling", "o"}
    vocabulary = _Vocabulary()
    vocabulary.add(words)
    for sentence in ("they bombarded the town on foot", "shelling", "shell", "", "no match here at all"):
        assert vocabulary.held_in(sentence) == {w for w in words if w in sentence}, sentence
    vocabulary.add({"town"})  # a word added later is found too
    assert "town" in vocabulary.held_in("they bombarded the town")
