from question_bank.sourcing import annotate, merge_spans


def test_overlapping_quotes_merge_and_keep_every_key():
    spans = merge_spans([(10, 20, "b"), (0, 5, "a"), (15, 30, "c"), (15, 30, "c2")])
    assert [(s.number, s.start, s.end, s.keys) for s in spans] == [
        (1, 0, 5, ["a"]),
        (2, 10, 30, ["b", "c", "c2"]),
    ]


def test_touching_quotes_stay_apart_and_empty_ones_are_dropped():
    spans = merge_spans([(0, 5, "a"), (5, 9, "b"), (7, 7, "empty")])
    assert [(s.start, s.end) for s in spans] == [(0, 5), (5, 9)]


def test_annotate_splits_paragraphs_and_keeps_all_text():
    text = "One fact here.\n\nAnother fact\nspans lines."
    spans = merge_spans([(4, 8, "q1"), (16, 41, "q2")])
    paragraphs = annotate(text, spans)
    assert ["".join(s.text for s in p) for p in paragraphs] == [
        "One fact here.",
        "Another fact",
        "spans lines.",
    ]
    sourced = [(s.text, s.span.keys) for p in paragraphs for s in p if s.span]
    assert sourced == [("fact", ["q1"]), ("Another fact", ["q2"]), ("spans lines.", ["q2"])]
