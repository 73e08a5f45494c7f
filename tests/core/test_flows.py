"""The guided-exercise step machine: navigation, answers, branching, drafts, entries."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from emotrainer.core.body import AREAS
from emotrainer.core.clock import Stamp
from emotrainer.core.flow_defs import (
    BODY_SCAN,
    CHECKIN,
    FLOWS,
    GROUNDING_PAUSE,
    INVENTORY_FLOW,
    NOTE,
    SESSION_AFTER,
    UNPACK,
    Branch,
    Flow,
    FlowDefinitionError,
    Step,
)
from emotrainer.core.flows import (
    AnswerError,
    DraftMismatch,
    FlowError,
    FlowState,
    following,
    to_entry,
    validate_answer,
)
from emotrainer.core.inventory import ITEMS
from emotrainer.core.models import (
    BodyMark,
    Draft,
    EntryKind,
    Label,
    Tag,
    TagKind,
    WordsState,
)

NOW = Stamp("2026-03-29T01:30:00.000Z", 120)
JAW = {"region": "jaw", "sensations": ["tight"], "activity": 1, "intensity": 6}
CHEST = {"region": "chest", "sensations": ["heavy", "pressure"]}
CONTEXT = {"situations": [" work ", "Work", ""], "people": ["Sam"], "before": "A long meeting."}

Move = Callable[[FlowState], FlowState]


def _ids(state: FlowState) -> list[str]:
    return [state.flow.steps[i].id for i in state.path]


def _answer(step_id: str, value: object) -> Move:
    return lambda s: s.answer(step_id, value).next()


def _next(s: FlowState) -> FlowState:
    return s.next()


def _skip(s: FlowState) -> FlowState:
    return s.skip()


NAMED_CHECKIN: list[Move] = [
    _answer("presence", 6),
    _answer("body_map", [JAW]),
    _answer("wheel", [["irritated", 7], ("hurt", None)]),
    _answer("context", CONTEXT),
    _answer("note", "Better after a walk."),
    _next,
]
CANT_TELL_CHECKIN: list[Move] = [
    _answer("presence", 2),
    _skip,
    _answer("wheel", "cant_tell"),
    _answer("body_first", [CHEST]),
    _skip,
    _skip,
    _skip,
    _next,
]


def _run(flow: Flow, moves: list[Move]) -> list[FlowState]:
    states = [FlowState.start(flow)]
    for move in moves:
        states.append(move(states[-1]))
    return states


# -- navigation -------------------------------------------------------------------


def test_start_is_at_the_first_step() -> None:
    state = FlowState.start(CHECKIN)
    assert state.current.id == "presence"
    assert not state.can_back and not state.can_skip and not state.can_next
    assert not state.is_finished


def test_next_back_and_skip() -> None:
    state = FlowState.start(CHECKIN).answer("presence", 4).next()
    assert state.current.id == "body_map" and state.can_skip and state.can_back
    skipped = state.skip()
    assert skipped.current.id == "wheel"
    back = skipped.back()
    assert back.current.id == "body_map"
    assert back.back().current.id == "presence"
    assert back.back().answers["presence"] == 4  # going back keeps answers


def test_states_are_immutable() -> None:
    state = FlowState.start(CHECKIN)
    moved = state.answer("presence", 3)
    assert "presence" not in state.answers and moved.answers["presence"] == 3
    with pytest.raises(TypeError):
        moved.answers["presence"] = 5  # type: ignore[index]


def test_skip_is_refused_on_a_required_step() -> None:
    state = FlowState.start(CHECKIN)
    with pytest.raises(FlowError, match="can't be skipped"):
        state.skip()


def test_next_needs_an_answer_on_a_required_step() -> None:
    with pytest.raises(FlowError, match="needs an answer"):
        FlowState.start(CHECKIN).next()


def test_next_on_an_optional_step_without_answer_goes_on() -> None:
    state = FlowState.start(CHECKIN).answer("presence", 0).next().next()
    assert state.current.id == "wheel"


def test_skip_drops_an_answer_given_before() -> None:
    state = FlowState.start(CHECKIN).answer("presence", 5).next().answer("body_map", [JAW])
    assert "body_map" not in state.skip().answers


def test_clear_takes_an_answer_back() -> None:
    state = FlowState.start(CHECKIN).answer("presence", 5)
    assert not state.clear("presence").can_next


def test_back_on_the_first_step_is_refused() -> None:
    with pytest.raises(FlowError):
        FlowState.start(CHECKIN).back()


def test_only_the_current_step_can_be_answered() -> None:
    with pytest.raises(FlowError, match="not the current step"):
        FlowState.start(CHECKIN).answer("wheel", "cant_tell")


def test_answerless_steps_take_no_answer() -> None:
    state = _run(CHECKIN, NAMED_CHECKIN[:-1])[-1]
    assert state.current.id == "summary" and state.can_next
    with pytest.raises(FlowError, match="does not take an answer"):
        state.answer("summary", "x")


def test_finishing_and_back_from_the_end() -> None:
    done = _run(CHECKIN, NAMED_CHECKIN)[-1]
    assert done.is_finished and done.can_back and not done.can_next and not done.can_skip
    with pytest.raises(FlowError, match="already finished"):
        done.next()
    again = done.back()
    assert not again.is_finished and again.current.id == "summary"


def test_pause_is_counted_and_does_not_move() -> None:
    state = FlowState.start(CHECKIN).answer("presence", 5)
    paused = state.pause().pause()
    assert paused.pauses == 2 and paused.current.id == "presence"
    assert paused.answers == state.answers


def test_route_counts_the_steps_ahead() -> None:
    state = FlowState.start(CHECKIN)
    assert [CHECKIN.steps[i].id for i in state.route()] == [
        "presence",
        "body_map",
        "wheel",
        "context",
        "note",
        "summary",
    ]


# -- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step_id", "value", "message"),
    [
        ("presence", -1, "0 to 10"),
        ("presence", 11, "0 to 10"),
        ("presence", True, "0 to 10"),
        ("presence", "5", "0 to 10"),
        ("presence", 5.0, "0 to 10"),
        ("wheel", [], "one to three"),
        ("wheel", [["a", 1], ["b", 1], ["c", 1], ["d", 1]], "one to three"),
        ("wheel", [["a", 1], ["a", 2]], "once"),
        ("wheel", [["a", 11]], "Intensity"),
        ("wheel", [["a"]], "intensity"),
        ("wheel", [["", 3]], "word is missing"),
        ("wheel", "maybe", "one to three"),
        ("wheel", None, "one to three"),
        ("candidates", "cant_tell", "one to three"),
        ("body_map", [{"region": "tail", "sensations": ["tight"]}], "not on the body map"),
        ("body_map", [{"region": "jaw", "sensations": []}], "what it feels like"),
        ("body_map", [{"region": "jaw", "sensations": ["sparkly"]}], "what it feels like"),
        ("body_map", [{"region": "jaw", "sensations": ["tight"], "activity": 2}], "Activity"),
        ("body_map", [{"region": "jaw", "sensations": ["tight"], "colour": "red"}], "place"),
        ("body_map", [JAW, JAW], "marked once"),
        ("body_map", {"region": "jaw"}, "list of places"),
        ("context", {"mood": "x"}, "situations"),
        ("context", {"situations": ["x" * 201]}, "200"),
        ("context", {"people": [str(i) for i in range(21)]}, "Up to 20"),
        ("context", {"before": 3}, "text"),
        ("note", "x" * 20_001, "20,000"),
        ("note", None, "text"),
    ],
)
def test_answers_that_do_not_fit_are_refused(step_id: str, value: object, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        validate_answer(CHECKIN.step(step_id), value)


def test_answers_are_normalised() -> None:
    assert validate_answer(CHECKIN.step("wheel"), (("calm", None),)) == [["calm", None]]
    assert validate_answer(CHECKIN.step("wheel"), "cant_tell") == "cant_tell"
    assert validate_answer(CHECKIN.step("note"), "x" * 20_000) == "x" * 20_000
    assert validate_answer(CHECKIN.step("body_map"), [CHEST]) == [
        {"region": "chest", "sensations": ["heavy", "pressure"], "activity": 0, "intensity": None}
    ]
    assert validate_answer(CHECKIN.step("context"), CONTEXT) == {
        "situations": ["work"],
        "people": ["Sam"],
        "before": "A long meeting.",
    }


def test_numb_and_nothing_are_answers() -> None:
    marks = [
        {"region": "whole_body", "sensations": ["numb"]},
        {"region": "chest", "sensations": ["nothing"]},
    ]
    state = _run(CHECKIN, [_answer("presence", 0), _answer("body_map", marks)])[-1]
    state = state.answer("wheel", "cant_tell").next().next().skip().skip().skip().next()
    entry = to_entry(state, NOW, "u-numb")
    assert entry.presence == 0 and entry.words_state is WordsState.CANT_TELL
    assert entry.marks == (BodyMark("whole_body", ("numb",)), BodyMark("chest", ("nothing",)))


def test_scan_region_stays_in_its_area() -> None:
    jaw = BODY_SCAN.step("scan_jaw")
    assert validate_answer(jaw, [JAW]) == [JAW]
    with pytest.raises(AnswerError, match="another part"):
        validate_answer(jaw, [CHEST])
    with pytest.raises(AnswerError, match="nothing"):
        validate_answer(jaw, [])


def test_inventory_needs_every_item_rated_0_to_4() -> None:
    step = INVENTORY_FLOW.step("inventory")
    full = {i.id: 0 for i in ITEMS}
    assert validate_answer(step, full) == full
    with pytest.raises(AnswerError, match="0 to 4"):
        validate_answer(step, {**full, "happy": 5})
    with pytest.raises(AnswerError, match="0 to 4"):
        validate_answer(step, {k: v for k, v in full.items() if k != "numb"})


def test_contrast_is_a_path_from_broad_to_specific() -> None:
    step = UNPACK.step("contrast")
    assert validate_answer(step, {"path": ["bad"]}) == {"path": ["bad"], "intensity": None}
    bad: object
    for bad in ({"path": []}, {"path": ["bad", "bad"]}, {"path": ["a"] * 7}, ["bad"]):
        with pytest.raises(AnswerError):
            validate_answer(step, bad)


# -- the body-first branch ---------------------------------------------------------


def test_cant_tell_leads_to_the_body_first_path() -> None:
    state = _run(CHECKIN, CANT_TELL_CHECKIN[:3])[-1]
    assert state.current.id == "body_first"
    assert following(CHECKIN, CHECKIN.index("wheel"), {"wheel": "cant_tell"}) == CHECKIN.index(
        "body_first"
    )
    assert following(CHECKIN, CHECKIN.index("wheel"), {"wheel": [["calm", 3]]}) == CHECKIN.index(
        "context"
    )
    assert state.next().current.id == "candidates"
    assert state.next().next().current.id == "context"


def test_words_skip_the_body_first_path() -> None:
    states = _run(CHECKIN, NAMED_CHECKIN)
    assert _ids(states[-1]) == ["presence", "body_map", "wheel", "context", "note", "summary"]


def test_body_first_then_candidates_names_the_feeling() -> None:
    moves = [*CANT_TELL_CHECKIN[:4], _answer("candidates", [["tense", 4]]), _skip, _skip, _next]
    entry = to_entry(_run(CHECKIN, moves)[-1], NOW, "u1")
    assert entry.words_state is WordsState.NAMED
    assert entry.labels == (Label("tense", 4),)
    assert entry.marks == (BodyMark("chest", ("heavy", "pressure")),)


def test_answers_on_a_branch_left_behind_are_not_in_the_entry() -> None:
    states = _run(CHECKIN, [*CANT_TELL_CHECKIN[:4], _answer("candidates", [["tense", 4]])])
    state = states[-1].back().back().back()
    assert state.current.id == "wheel"
    state = state.answer("wheel", [["calm", 2]]).next()
    assert state.current.id == "context"
    state = state.skip().skip().next()
    entry = to_entry(state, NOW, "u2")
    assert entry.labels == (Label("calm", 2),)
    assert entry.marks == ()  # the body-first map was on the path not taken
    assert "candidates" in state.answers  # kept, in case they go back to "I don't know"


# -- drafts -----------------------------------------------------------------------


def _through_storage(draft: Draft) -> Draft:
    """What the store gives back: the answers as JSON text and parsed again."""
    return Draft(draft.flow, draft.step, json.loads(json.dumps(draft.answers)))


SCRIPTS: list[tuple[Flow, list[Move]]] = [
    (CHECKIN, NAMED_CHECKIN),
    (CHECKIN, CANT_TELL_CHECKIN),
    (CHECKIN, [_answer("presence", 1), lambda s: s.pause(), _answer("body_map", [])]),
    (UNPACK, [_answer("contrast", {"path": ["bad", "sad", "lonely"], "intensity": 5}), _skip]),
    (INVENTORY_FLOW, [_answer("inventory", {i.id: 2 for i in ITEMS}), _next]),
    (GROUNDING_PAUSE, [_next] * len(GROUNDING_PAUSE.steps)),
    (BODY_SCAN, [_answer("scan_jaw", [JAW]) if i == 3 else _skip for i in range(18)] + [_next]),
]


@pytest.mark.parametrize(("flow", "moves"), SCRIPTS, ids=lambda v: getattr(v, "id", ""))
def test_draft_round_trip_after_every_step(flow: Flow, moves: list[Move]) -> None:
    for state in _run(flow, moves):
        draft = _through_storage(state.to_draft())
        assert draft.flow == flow.id
        resumed = FlowState.from_draft(draft)
        assert resumed == state
        assert resumed.route() == state.route()


def test_a_finished_draft_resumes_finished() -> None:
    done = _run(CHECKIN, NAMED_CHECKIN)[-1].pause()
    draft = done.to_draft()
    assert draft.step == len(CHECKIN.steps) and draft.answers["$pauses"] == 1
    assert FlowState.from_draft(_through_storage(draft)).is_finished


def test_the_draft_answers_are_a_copy() -> None:
    state = FlowState.start(CHECKIN).answer("presence", 3).next().answer("body_map", [JAW])
    draft = state.to_draft()
    marks = draft.answers["body_map"]
    assert isinstance(marks, list)
    marks.clear()
    assert state.answers["body_map"] != []


_AT_BODY_FIRST = {"presence": 3, "wheel": "cant_tell"}


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (Draft("dance", 0, {}), "no exercise called"),
        (Draft("checkin", 9, {}), "at step 9 of 8"),
        (Draft("checkin", -1, {}), "at step -1"),
        (Draft("checkin", True, {}), "at step True"),
        (Draft("checkin", 3, {"presence": 3, "wheel": [["calm", 2]]}), "not on the way"),
        (Draft("checkin", 3, {**_AT_BODY_FIRST, "mood": 3}), "unknown step 'mood'"),
        (Draft("checkin", 3, {**_AT_BODY_FIRST, "presence": 12}), "answer to 'presence'"),
        (Draft("checkin", 3, {**_AT_BODY_FIRST, "summary": 1}), "does not take an answer"),
        (Draft("checkin", 3, {"wheel": "cant_tell"}), "left without an answer"),
        (Draft("checkin", 3, {**_AT_BODY_FIRST, "$pauses": -2}), "pauses"),
        (Draft("checkin", 0, []), "not a set of answers"),  # type: ignore[arg-type]
        (Draft("checkin", 8, {"presence": 3}), "left without an answer"),
    ],
)
def test_a_draft_that_does_not_fit_is_refused(draft: Draft, message: str) -> None:
    with pytest.raises(DraftMismatch, match=message):
        FlowState.from_draft(draft)


def test_a_draft_of_a_changed_flow_is_refused() -> None:
    draft = _run(CHECKIN, CANT_TELL_CHECKIN[:4])[-1].to_draft()
    simpler = Flow("checkin", "Check-in", SESSION_AFTER.steps, EntryKind.CHECKIN)
    with pytest.raises(DraftMismatch, match=r"no longer fits.*'body_first'"):
        FlowState.from_draft(draft, {"checkin": simpler})


# -- entries ----------------------------------------------------------------------


def test_entry_of_a_named_checkin() -> None:
    entry = to_entry(_run(CHECKIN, NAMED_CHECKIN)[-1].pause(), NOW, "u-named", duration_s=95)
    assert entry.uuid == "u-named" and entry.at == NOW and entry.kind is EntryKind.CHECKIN
    assert entry.presence == 6
    assert entry.words_state is WordsState.NAMED
    assert entry.labels == (Label("irritated", 7), Label("hurt", None))
    assert entry.marks == (BodyMark("jaw", ("tight",), 1, 6),)
    assert entry.tags == (Tag(TagKind.SITUATION, "work"), Tag(TagKind.PERSON, "Sam"))
    assert entry.before == "A long meeting."
    assert entry.note == "Better after a walk."
    assert entry.pauses == 1 and entry.duration_s == 95


def test_entry_of_a_cant_tell_checkin() -> None:
    entry = to_entry(_run(CHECKIN, CANT_TELL_CHECKIN)[-1], NOW, "u-ct")
    assert entry.words_state is WordsState.CANT_TELL
    assert entry.labels == ()
    assert entry.presence == 2
    assert entry.marks == (BodyMark("chest", ("heavy", "pressure")),)
    assert entry.tags == () and entry.note == "" and entry.pauses == 0


def test_an_unfinished_flow_is_not_an_entry() -> None:
    with pytest.raises(FlowError, match="finished"):
        to_entry(FlowState.start(CHECKIN), NOW, "u")


def test_entries_of_the_other_flows() -> None:
    unpack = to_entry(_run(UNPACK, SCRIPTS[3][1] + [_skip, _next])[-1], NOW, "u3")
    assert unpack.kind is EntryKind.UNPACK and unpack.labels == (Label("lonely", 5),)
    inventory = to_entry(_run(INVENTORY_FLOW, SCRIPTS[4][1])[-1], NOW, "u4")
    assert inventory.ratings == tuple(sorted((i.id, 2) for i in ITEMS))
    assert inventory.words_state is WordsState.NOT_ASKED
    grounding = to_entry(_run(GROUNDING_PAUSE, SCRIPTS[5][1])[-1], NOW, "u5")
    assert grounding.kind is EntryKind.GROUNDING and grounding.words_state is WordsState.NOT_ASKED
    scan = to_entry(_run(BODY_SCAN, SCRIPTS[6][1])[-1], NOW, "u6")
    assert scan.marks == (BodyMark("jaw", ("tight",), 1, 6),)
    after = _run(SESSION_AFTER, [_answer("presence", 7), _answer("wheel", "cant_tell"), _skip])
    session = to_entry(after[-1].next(), NOW, "u7", pair_uuid="u-before")
    assert session.kind is EntryKind.SESSION_AFTER and session.pair_uuid == "u-before"
    assert session.words_state is WordsState.CANT_TELL


# -- the definitions ------------------------------------------------------------------


def test_every_flow_is_registered_under_its_id() -> None:
    assert {f.entry_kind.value for f in FLOWS.values()} == set(FLOWS)
    assert all(FLOWS[k].id == k for k in FLOWS)


@pytest.mark.parametrize("flow", list(FLOWS.values()), ids=lambda f: f.id)
def test_every_flow_has_unique_ids_and_reachable_ends(flow: Flow) -> None:
    ids = [s.id for s in flow.steps]
    assert len(set(ids)) == len(ids)
    reached: set[int] = set()
    walks = [0]
    while walks:  # every place each step can lead, until the end
        i = walks.pop()
        reached.add(i)
        nexts = flow.successors(i)
        assert len(reached) <= len(flow.steps)
        walks += [n for n in nexts if n is not None and n not in reached]
    assert reached == set(range(len(flow.steps)))
    assert flow.successors(len(flow.steps) - 1)[-1] is None
    for step in flow.steps:
        assert step.title.strip() and step.prompt.strip()
        text = f"{step.title} {step.prompt}"
        assert not re.search(r"\b(fail\w*|wrong|missed|must|should)\b", text, re.IGNORECASE)


def test_body_scan_visits_every_area() -> None:
    assert [s.area for s in BODY_SCAN.steps[:-1]] == [a.id for a in AREAS]


def _step(step_id: str, **kw: object) -> Step:
    return Step(step_id, NOTE, "T", "P", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ((), "at least one step"),
        ((_step("a"), _step("a")), "used twice"),
        ((_step("A b"),), "identifiers"),
        ((Step("a", "dance", "T", "P"),), "unknown kind"),
        ((_step("a", skip_to="z"),), "no step 'z'"),
        ((_step("a", skip_to="a"),), "itself"),
        ((_step("a"), _step("b", skip_to="a")), "loop"),
        ((_step("a", skip_to="c"), _step("b"), _step("c")), "never be reached"),
        ((_step("a", area="jaw"),), "area"),
        ((Step("a", "summary", "T", "P", branches=(Branch("x", "a"),)),), "cannot branch"),
    ],
)
def test_bad_definitions_are_refused(steps: tuple[Step, ...], message: str) -> None:
    with pytest.raises(FlowDefinitionError, match=message):
        Flow("f", "F", steps, EntryKind.CHECKIN)
