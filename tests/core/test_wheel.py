"""The wheel's pure core: geometry, hit-testing, label room, colours, choices, search."""

from __future__ import annotations

import math

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.vocabulary import Level, Vocabulary, user_word
from emotrainer.core.wheel import (
    LabelPlan,
    Orientation,
    Wedge,
    compass_angle,
    label_room,
    leaf_counts,
    plan_labels,
    polar,
    wheel_layout,
)
from emotrainer.core.wheel_choice import (
    FAMILY_HUES,
    MIN_CONTRAST,
    Outcome,
    Selection,
    contrast_ratio,
    limit_note,
    ring_fill,
    search_words,
)

EPS = 1e-9
# The theme's text and window colours (emotrainer/ui/theme.py), light and dark.
THEMES = {"light": ("#23272b", "#f5f3ef"), "dark": ("#e9e6e1", "#1d2023")}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return shipped_vocabulary()


@pytest.fixture(scope="module")
def with_own(vocab: Vocabulary) -> Vocabulary:
    mine = user_word("user_abc", "Fizzy", "Bubbly and a bit restless.", "calm", vocab)
    return vocab.with_user_words([mine])


def roots(vocab: Vocabulary) -> list[str | None]:
    broad = [w.id for w in vocab if w.level is not Level.SPECIFIC and vocab.children(w.id)]
    return [None, *broad]


def test_each_ring_covers_the_full_circle_without_gaps_or_overlaps(with_own):
    for root in roots(with_own):
        layout = wheel_layout(with_own, root, 400.0)
        for ring in layout.rings:
            assert ring.wedges[0].start == pytest.approx(0.0, abs=EPS)
            for a, b in zip(ring.wedges, ring.wedges[1:], strict=False):
                assert a.span > 0
                assert a.start + a.span == pytest.approx(b.start, abs=1e-7), (root, a, b)
            last = ring.wedges[-1]
            assert last.start + last.span == pytest.approx(360.0, abs=1e-7)


def test_children_lie_within_their_parents_span(with_own):
    layout = wheel_layout(with_own, None, 400.0)
    for wedge in layout.wedges.values():
        parent = wedge.word.parent
        if parent is None:
            continue
        outer = layout.wedges[parent]
        assert outer.start - EPS <= wedge.start
        assert wedge.start + wedge.span <= outer.start + outer.span + 1e-7
        assert wedge.inner == pytest.approx(outer.outer)  # the next ring out


def test_a_zoom_root_spreads_its_subtree_over_the_whole_circle(vocab):
    layout = wheel_layout(vocab, "sadness", 300.0)
    assert layout.root is not None and layout.root.id == "sadness"
    groups = layout.rings[0].wedges
    assert [w.word_id for w in groups] == [w.id for w in vocab.children("sadness")]
    assert sum(w.span for w in groups) == pytest.approx(360.0)
    specifics = {w.word_id for w in layout.rings[1].wedges}
    expected = {c.id for g in vocab.children("sadness") for c in vocab.children(g.id)}
    assert specifics == expected
    group = wheel_layout(vocab, "lonely", 300.0)
    assert len(group.rings) == 1
    assert [w.word_id for w in group.rings[0].wedges] == [w.id for w in vocab.children("lonely")]


def test_wedges_are_sized_by_how_many_specific_words_they_hold(vocab):
    leaves = leaf_counts(vocab)
    layout = wheel_layout(vocab, None, 400.0)
    total = sum(leaves[f.id] for f in vocab.families)
    for family in vocab.families:
        assert layout.wedges[family.id].span == pytest.approx(360.0 * leaves[family.id] / total)
    spans = {round(w.span, 9) for w in layout.rings[2].wedges}
    assert len(spans) == 1  # every specific word gets the same slice
    assert layout.wedges["sadness"].span > layout.wedges["joy"].span


def test_hit_test_finds_every_word_at_its_centroid_and_nothing_elsewhere(with_own):
    for root in roots(with_own):
        layout = wheel_layout(with_own, root, 350.0)
        for word_id in layout.wedges:
            x, y = layout.centroid(word_id)
            assert layout.hit(x, y) == word_id, (root, word_id)
        assert layout.hit(0.0, 0.0) is None
        assert layout.hit(*polar(layout.hole * 0.9, 123.0)) is None
        assert layout.in_hole(*polar(layout.hole * 0.9, 123.0))
        assert layout.hit(*polar(layout.radius + 1.0, 10.0)) is None


def test_hit_test_at_the_twelve_o_clock_seam(vocab):
    layout = wheel_layout(vocab, None, 400.0)
    first = layout.rings[0].wedges[0].word_id
    last = layout.rings[0].wedges[-1].word_id
    r = (layout.rings[0].inner + layout.rings[0].outer) / 2
    assert layout.hit(0.01, -r) == first
    assert layout.hit(-0.01, -r) == last
    assert compass_angle(-1e-18, -1.0) < 360.0


def test_a_users_word_has_its_own_slice_through_the_group_and_outer_rings(with_own):
    layout = wheel_layout(with_own, None, 400.0)
    wedge = layout.wedges["user_abc"]
    assert (wedge.first_ring, wedge.last_ring) == (1, 2)
    assert wedge in layout.rings[1].wedges and wedge in layout.rings[2].wedges
    calm = layout.wedges["calm"]
    assert wedge.start + wedge.span == pytest.approx(calm.start + calm.span)  # last in calm
    for ring in layout.rings[1:]:
        r = (ring.inner + ring.outer) / 2
        assert layout.hit(*polar(r, wedge.mid_angle)) == "user_abc"
    assert layout.neighbour("user_abc", -1) == "grounded"  # among the specific words
    zoomed = wheel_layout(with_own, "calm", 300.0)
    assert (zoomed.wedges["user_abc"].first_ring, zoomed.wedges["user_abc"].last_ring) == (0, 1)


def test_fewer_rings_keep_the_same_angles(vocab):
    full = wheel_layout(vocab, None, 400.0)
    two = wheel_layout(vocab, None, 400.0, max_rings=2)
    assert len(two.rings) == 2
    assert "sad" not in two.wedges
    assert two.wedges["down"].start == pytest.approx(full.wedges["down"].start)
    assert two.rings[-1].outer == 400.0
    with pytest.raises(ValueError, match="no narrower"):
        wheel_layout(vocab, "sad", 400.0)


def test_a_zoom_roots_name_widens_the_centre_within_limits(vocab):
    assert wheel_layout(vocab, "sadness", 200.0, min_hole=60.0).hole == pytest.approx(60.0)
    assert wheel_layout(vocab, "sadness", 200.0, min_hole=500.0).hole == pytest.approx(80.0)


def test_neighbours_go_round_the_ring_and_wrap(vocab):
    layout = wheel_layout(vocab, None, 400.0)
    families = [f.id for f in vocab.families]
    assert layout.neighbour(families[0], 1) == families[1]
    assert layout.neighbour(families[0], -1) == families[-1]
    assert layout.neighbour("weary", 1) == "uneasy"  # across the family border


def _upright(rotation: float) -> bool:
    return math.cos(math.radians(rotation)) > -1e-9


def _box_inside(wedge: Wedge, plan: LabelPlan, width: float, height: float) -> bool:
    """Whether a width × height text box placed by `plan` lies inside the wedge."""
    cx, cy = plan.centre
    rot = math.radians(plan.rotation)
    for dx in (-width / 2, width / 2):
        for dy in (-height / 2, height / 2):
            x, y = cx + dx, cy + dy
            wx, wy = x * math.cos(rot) - y * math.sin(rot), x * math.sin(rot) + y * math.cos(rot)
            if not wedge.inner - 1e-6 <= math.hypot(wx, wy) <= wedge.outer + 1e-6:
                return False
            if (compass_angle(wx, wy) - wedge.start) % 360.0 > wedge.span + 1e-6:
                return False
    return True


def test_labels_are_never_upside_down_and_their_room_fits_the_wedge(vocab):
    checked = 0
    for root, radius in ((None, 250.0), (None, 444.0), ("sadness", 300.0), ("lonely", 300.0)):
        layout = wheel_layout(vocab, root, radius)
        for word_id, wedge in layout.wedges.items():
            for plan in label_room(wedge, 14.0).values():
                assert _upright(plan.rotation), (word_id, plan)
                if plan.room > 4:
                    assert _box_inside(wedge, plan, plan.room, 14.0), (word_id, plan)
                    assert not _box_inside(wedge, plan, plan.room * 1.1 + 8, 14.0), word_id
                    checked += 1
    assert checked > 300


def test_a_ring_keeps_one_direction_when_every_label_fits_it(vocab):
    layout = wheel_layout(vocab, None, 444.0)
    outer = list(layout.rings[2].wedges)
    plans = plan_labels(outer, [60.0] * len(outer), 13.0)
    assert {p.orientation for p in plans if p} == {Orientation.RADIAL}
    zoomed = wheel_layout(vocab, "lonely", 300.0)
    wedges = list(zoomed.rings[0].wedges)
    plans = plan_labels(wedges, [40.0] * len(wedges), 14.0)
    assert {p.orientation for p in plans if p} == {Orientation.TANGENTIAL}


def test_a_label_too_long_gets_the_roomier_way_and_is_shortened(vocab):
    layout = wheel_layout(vocab, None, 300.0)
    wedge = layout.wedges["detachment"]
    plan = plan_labels([wedge], [10_000.0], 14.0)[0]
    assert plan is not None
    assert plan.room == max(p.room for p in label_room(wedge, 14.0).values())
    assert plan_labels([wedge], [10.0], 10_000.0) == [None]  # not even one line fits


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_fills_keep_text_readable_in_both_themes(vocab, theme):
    text, window = THEMES[theme]
    for family in vocab.families:
        fills = [ring_fill(FAMILY_HUES[family.id], ring, text, window) for ring in range(3)]
        for fill in fills:
            assert contrast_ratio(fill, text) >= MIN_CONTRAST, (family.id, fill)
        assert len(set(fills)) == 3  # the rings differ
    inner = [ring_fill(FAMILY_HUES[f.id], 0, text, window) for f in vocab.families]
    assert len(set(inner)) == len(inner)


def test_every_shipped_family_has_its_own_hue(vocab):
    assert {f.id for f in vocab.families} <= FAMILY_HUES.keys()
    assert len(set(FAMILY_HUES.values())) == len(FAMILY_HUES)


def test_selection_holds_up_to_three_words_and_refuses_a_fourth():
    selection = Selection()
    assert [selection.choose(w) for w in ("sad", "down", "user_abc")] == [Outcome.ADDED] * 3
    assert selection.is_full
    assert selection.choose("numb") is Outcome.FULL
    assert selection.choose("sad") is Outcome.ALREADY
    assert selection.ids == ("sad", "down", "user_abc")  # the user's own word counts
    assert selection.remove("down")
    assert not selection.remove("down")
    assert selection.choose("numb") is Outcome.ADDED
    assert selection.as_pairs() == [("sad", None), ("user_abc", None), ("numb", None)]


def test_intensity_is_separate_and_from_0_to_10():
    selection = Selection(max_selected=2)
    selection.choose("sad")
    selection.set_intensity("sad", 0)
    selection.set_intensity("sad", 10)
    assert selection.intensity("sad") == 10
    selection.set_intensity("sad", None)  # left open
    for bad in (-1, 11):
        with pytest.raises(ValueError, match="0 to 10"):
            selection.set_intensity("sad", bad)
    with pytest.raises(KeyError):
        selection.set_intensity("numb", 3)
    with pytest.raises(ValueError):
        Selection(max_selected=0)


def test_keep_only_drops_words_that_are_gone():
    selection = Selection()
    selection.choose("sad")
    selection.choose("user_gone")
    assert selection.keep_only({"sad"})
    assert selection.ids == ("sad",)
    assert not selection.keep_only({"sad"})


def test_the_limit_note_is_gentle():
    assert limit_note(3) == "You can choose up to three — remove one to add another."
    assert "12" in limit_note(12)


def test_search_matches_labels_first_then_definitions(vocab):
    assert search_words(vocab, "") == []
    assert search_words(vocab, "sad")[0].id == "sad"
    found = [w.id for w in search_words(vocab, "TEARS")]
    assert "touched" in found  # only its definition mentions tears
    both = search_words(vocab, "tired energy")
    assert both and all(
        "tired" in (w.label + w.definition).casefold() and "energy" in w.definition.casefold()
        for w in both
    )
    assert len(search_words(vocab, "e", limit=5)) == 5
