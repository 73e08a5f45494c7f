"""The step machine of the guided exercises: pure, immutable, no Qt.

``FlowState.start(CHECKIN)`` gives the first step; ``answer``, ``next``,
``back``, ``skip`` and ``pause`` return new states. Where a flow goes next is
a pure function of its answers (``following``), so the visited path can always
be rebuilt from the answers alone: a draft is only (flow id, step index,
answers), and ``from_draft`` refuses one that does not fit the flow as it is
now with a DraftMismatch instead of resuming somewhere odd.

Answers are kept as JSON-compatible values (dicts, lists, text, whole numbers,
None), normalised by ``validate_answer``; an answer that does not fit raises
AnswerError with a message written for the person, not for a log.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TypeAlias, cast

from emotrainer.core.body import REGION_IDS, SENSATION_IDS, region
from emotrainer.core.clock import Stamp
from emotrainer.core.flow_defs import (
    BODY_MAP,
    CANDIDATES,
    CANT_TELL,
    CONTEXT,
    CONTRAST,
    FLOWS,
    INVENTORY,
    NAMING,
    NOTE,
    PRESENCE,
    SCAN_REGION,
    WHEEL,
    Flow,
    Step,
)
from emotrainer.core.inventory import ITEMS
from emotrainer.core.models import BodyMark, Draft, Entry, Label, Tag, TagKind, WordsState

JSON: TypeAlias = "bool | int | float | str | list[JSON] | dict[str, JSON] | None"

NOTE_MAX = 20_000
TAG_MAX = 200
TAGS_MAX = 20
WORDS_MAX = 3
PATH_MAX = 6
PAUSES_KEY = "$pauses"  # never a step id: those are lower-case identifiers


class FlowError(ValueError):
    """A move the current step does not allow (e.g. skipping a required step)."""


class AnswerError(FlowError):
    """An answer that does not fit its step; the message is for the person."""


class DraftMismatch(ValueError):
    """A saved draft that does not fit the flow as defined now; it cannot be resumed."""


# -- answers --------------------------------------------------------------------


def _whole(value: object, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise AnswerError(message)
    return value


def _intensity(value: object) -> int | None:
    if value is None:
        return None
    return _whole(value, 0, 10, "Intensity is a number from 0 to 10, or left open.")


def _word_id(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise AnswerError("A feeling word is missing.")
    return value


def _sequence(value: object, message: str) -> list[object]:
    if not isinstance(value, list | tuple):
        raise AnswerError(message)
    return list(value)


def _fields(value: object, allowed: set[str], message: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping) or not set(value) <= allowed:
        raise AnswerError(message)
    return value


def _distinct(items: list[JSON], message: str) -> list[JSON]:
    if len({json.dumps(i) for i in items}) != len(items):
        raise AnswerError(message)
    return items


def _pairs(value: object) -> list[JSON]:
    message = "Choose one to three words."
    items = _sequence(value, message)
    if not 1 <= len(items) <= WORDS_MAX:
        raise AnswerError(message)
    pairs = [_sequence(item, "Each word goes with an intensity, or none.") for item in items]
    if any(len(pair) != 2 for pair in pairs):
        raise AnswerError("Each word goes with an intensity, or none.")
    words = _distinct([_word_id(w) for w, _ in pairs], "Each word can be chosen once.")
    return [[w, _intensity(i)] for w, (_, i) in zip(words, pairs, strict=True)]


def _mark(value: object) -> dict[str, JSON]:
    keys = {"region", "sensations", "activity", "intensity"}
    value = _fields(value, keys, "A body mark needs a place and what it feels like.")
    place = value.get("region")
    if place not in REGION_IDS:
        raise AnswerError("That place is not on the body map.")
    sensations = _sequence(value.get("sensations"), "Choose what it feels like there.")
    if not sensations or any(s not in SENSATION_IDS for s in sensations):
        raise AnswerError("Choose what it feels like there; “nothing” is an answer too.")
    _distinct(cast(list[JSON], sensations), "Each sensation can be chosen once per place.")
    activity = _whole(value.get("activity", 0), -1, 1, "Activity is less, the same or more.")
    return {
        "region": place,
        "sensations": cast(list[JSON], sensations),
        "activity": activity,
        "intensity": _intensity(value.get("intensity")),
    }


def _marks(step: Step, value: object) -> list[JSON]:
    items = _sequence(value, "The body map's answer is a list of places.")
    marks = [_mark(item) for item in items]
    places = _distinct(
        [m["region"] for m in marks], "Each place on the body map can be marked once."
    )
    if step.area is not None:
        if not marks:
            raise AnswerError("Choose a sensation, or “nothing”, or skip this part.")
        if any(region(cast(str, p)).area != step.area for p in places):
            raise AnswerError("That place belongs to another part of the scan.")
    return list(marks)


def _text(value: object, limit: int, what: str) -> str:
    if not isinstance(value, str):
        raise AnswerError(f"The {what} should be text.")
    if len(value) > limit:
        raise AnswerError(f"The {what} can be up to {limit:,} characters long.")
    return value


def _tags(value: object, what: str) -> list[JSON]:
    items = _sequence(value, f"The {what} are a list of short texts.")
    out: list[JSON] = []
    seen: set[str] = set()
    for item in items:
        text = _text(item, TAG_MAX, what[:-1]).strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    if len(out) > TAGS_MAX:
        raise AnswerError(f"Up to {TAGS_MAX} {what}, please.")
    return out


def _context(value: object) -> dict[str, JSON]:
    message = "The context has situations, people and what happened before."
    value = _fields(value, {"situations", "people", "before"}, message)
    return {
        "situations": _tags(value.get("situations", []), "situations"),
        "people": _tags(value.get("people", []), "people"),
        "before": _text(value.get("before", ""), NOTE_MAX, "text about what happened before"),
    }


def _contrast(value: object) -> dict[str, JSON]:
    value = _fields(value, {"path", "intensity"}, "Start from a broad word.")
    path = _sequence(value.get("path"), "Start from a broad word.")
    if not 1 <= len(path) <= PATH_MAX:
        raise AnswerError("Start from a broad word.")
    words = _distinct([_word_id(w) for w in path], "Each word can appear once on the way down.")
    return {"path": words, "intensity": _intensity(value.get("intensity"))}


def _inventory(value: object) -> dict[str, JSON]:
    message = "Rate every feeling from 0 to 4; 0 (“not at all”) is a fine answer."
    if not isinstance(value, Mapping) or set(value) != {i.id for i in ITEMS}:
        raise AnswerError(message)
    return {i.id: _whole(value[i.id], 0, 4, message) for i in ITEMS}


def validate_answer(step: Step, value: object) -> JSON:
    """The answer in its stored, JSON-compatible form; AnswerError when it does not fit."""
    kind = step.kind
    if not step.takes_answer:
        raise FlowError(f"“{step.title}” does not take an answer.")
    if kind == PRESENCE:
        return _whole(value, 0, 10, "Choose a number from 0 to 10; any of them is fine.")
    if kind in (BODY_MAP, SCAN_REGION):
        return _marks(step, value)
    if kind == WHEEL:
        return CANT_TELL if value == CANT_TELL else _pairs(value)
    if kind == CANDIDATES:
        return _pairs(value)
    if kind == CONTEXT:
        return _context(value)
    if kind == NOTE:
        return _text(value, NOTE_MAX, "note")
    if kind == CONTRAST:
        return _contrast(value)
    if kind == INVENTORY:
        return _inventory(value)
    raise AssertionError(f"no validator for {kind!r}")  # check_flow knows every kind


# -- the machine --------------------------------------------------------------------


def following(flow: Flow, index: int, answers: Mapping[str, JSON]) -> int | None:
    """The step after ``index`` given the answers (None: the end). Pure."""
    step = flow.steps[index]
    if step.id in answers:
        for branch in step.branches:
            if answers[step.id] == branch.when:
                return flow.index(branch.to)
    return flow.default_next(index)


def _frozen(answers: Mapping[str, JSON]) -> Mapping[str, JSON]:
    return MappingProxyType(dict(answers))


@dataclass(frozen=True, slots=True)
class FlowState:
    """Where someone is in a flow. Immutable: every move returns a new state."""

    flow: Flow
    path: tuple[int, ...] = (0,)  # indices of the steps visited; the current one last
    answers: Mapping[str, JSON] = field(default_factory=lambda: MappingProxyType({}))
    finished: bool = False
    pauses: int = 0  # grounding pauses taken on the way: counted, never a failure

    @classmethod
    def start(cls, flow: Flow) -> FlowState:
        return cls(flow)

    @property
    def index(self) -> int:
        return self.path[-1]

    @property
    def current(self) -> Step:
        return self.flow.steps[self.index]

    @property
    def is_finished(self) -> bool:
        return self.finished

    @property
    def can_back(self) -> bool:
        return self.finished or len(self.path) > 1

    @property
    def can_skip(self) -> bool:
        return not self.finished and self.current.optional

    @property
    def can_next(self) -> bool:
        step = self.current
        if self.finished:
            return False
        return not step.takes_answer or step.optional or step.id in self.answers

    def route(self) -> tuple[int, ...]:
        """The visited steps plus the ones ahead as the answers now point: for "3 of 6"."""
        if self.finished:
            return self.path
        ahead: list[int] = []
        nxt = following(self.flow, self.index, self.answers)
        while nxt is not None:
            ahead.append(nxt)
            nxt = following(self.flow, nxt, self.answers)
        return self.path + tuple(ahead)

    def answer(self, step_id: str, value: object) -> FlowState:
        """Answer the current step (naming it guards against a stale page answering)."""
        if self.finished or step_id != self.current.id:
            raise FlowError(f"Step {step_id!r} is not the current step.")
        stored = validate_answer(self.current, value)
        return replace(self, answers=_frozen({**self.answers, step_id: stored}))

    def clear(self, step_id: str) -> FlowState:
        """Take back the current step's answer."""
        if self.finished or step_id != self.current.id:
            raise FlowError(f"Step {step_id!r} is not the current step.")
        return replace(self, answers=_frozen(_without(self.answers, step_id)))

    def next(self) -> FlowState:
        if self.finished:
            raise FlowError("This exercise is already finished.")
        if not self.can_next:
            raise FlowError(f"“{self.current.title}” needs an answer before going on.")
        return self._advance(self.answers)

    def skip(self) -> FlowState:
        """Leave the current optional step out (any answer it had is dropped)."""
        if not self.can_skip:
            raise FlowError(f"“{self.current.title}” can't be skipped.")
        return self._advance(_frozen(_without(self.answers, self.current.id)))

    def back(self) -> FlowState:
        if self.finished:
            return replace(self, finished=False)
        if len(self.path) == 1:
            raise FlowError("This is the first step.")
        return replace(self, path=self.path[:-1])

    def pause(self) -> FlowState:
        """Count a grounding pause; where the person is stays as it was."""
        return replace(self, pauses=self.pauses + 1)

    def _advance(self, answers: Mapping[str, JSON]) -> FlowState:
        nxt = following(self.flow, self.index, answers)
        if nxt is None:
            return replace(self, answers=answers, finished=True)
        return replace(self, answers=answers, path=(*self.path, nxt))

    # -- drafts -------------------------------------------------------------------

    def to_draft(self) -> Draft:
        """The draft to autosave; a finished state has step index len(steps)."""
        answers: dict[str, object] = copy.deepcopy(dict(self.answers))
        if self.pauses:
            answers[PAUSES_KEY] = self.pauses
        step = len(self.flow.steps) if self.finished else self.index
        return Draft(self.flow.id, step, answers)

    @classmethod
    def from_draft(cls, draft: Draft, flows: Mapping[str, Flow] = FLOWS) -> FlowState:
        """Resume a draft at the same step with the same answers, or raise DraftMismatch."""
        flow = flows.get(draft.flow)
        if flow is None:
            raise DraftMismatch(f"There is no exercise called {draft.flow!r} any more.")
        try:
            return _resume(flow, draft)
        except FlowError as e:
            raise DraftMismatch(
                f"The saved “{flow.title}” no longer fits this version of the exercise "
                f"({e}), so it can't be resumed."
            ) from e


def _without(answers: Mapping[str, JSON], step_id: str) -> dict[str, JSON]:
    return {k: v for k, v in answers.items() if k != step_id}


def _resume(flow: Flow, draft: Draft) -> FlowState:
    if not isinstance(draft.answers, Mapping):
        raise FlowError("its answers are not a set of answers")
    answers: dict[str, JSON] = {}
    pauses = 0
    for key, value in draft.answers.items():
        if key == PAUSES_KEY:
            pauses = _whole(value, 0, 10_000, "the count of pauses is not a count")
        elif not isinstance(key, str) or not flow.has_step(key):
            raise FlowError(f"it has an answer for an unknown step {key!r}")
        else:
            try:
                answers[key] = validate_answer(flow.step(key), value)
            except FlowError as e:
                raise FlowError(f"the answer to {key!r} does not fit: {e}") from e
    step = draft.step
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= len(flow.steps):
        raise FlowError(f"it is at step {step!r} of {len(flow.steps)}")
    finished = step == len(flow.steps)
    path = [0]
    while finished or path[-1] != step:
        nxt = following(flow, path[-1], answers)
        if nxt is None:
            if finished:
                break
            raise FlowError(f"step {step} is not on the way its answers lead")
        path.append(nxt)
    state = FlowState(flow, tuple(path), _frozen(answers), finished, pauses)
    # Every step left behind was answered or optional, as next() insists.
    for index in path if finished else path[:-1]:
        done = flow.steps[index]
        if done.takes_answer and not done.optional and done.id not in answers:
            raise FlowError(f"“{done.title}” was left without an answer")
    return state


# -- the finished entry -------------------------------------------------------------


def _labels(pairs: JSON) -> tuple[Label, ...]:
    return tuple(Label(w, i) for w, i in cast(list[tuple[str, int | None]], pairs))


def _body_marks(marks: JSON) -> dict[str, BodyMark]:
    out = {}
    for m in cast(list[dict[str, JSON]], marks):
        place = cast(str, m["region"])
        out[place] = BodyMark(
            place,
            tuple(cast(list[str], m["sensations"])),
            cast(int, m["activity"]),
            cast("int | None", m["intensity"]),
        )
    return out


def marks_answer(marks: Iterable[BodyMark]) -> list[JSON]:
    """Body marks as a body_map or scan_region answer."""
    return [
        {
            "region": m.region,
            "sensations": list(m.sensations),
            "activity": m.activity,
            "intensity": m.intensity,
        }
        for m in marks
    ]


def answer_marks(value: JSON) -> list[BodyMark]:
    """The body marks of a stored (validated) body_map or scan_region answer."""
    return list(_body_marks(value).values())


def marks_so_far(state: FlowState) -> list[BodyMark]:
    """The body map as the steps before the current one left it (the body-first words
    and the body scan's picture come from it)."""
    marks: dict[str, BodyMark] = {}
    for index in state.path if state.finished else state.path[:-1]:
        step = state.flow.steps[index]
        if step.id not in state.answers:
            continue
        if step.kind == BODY_MAP:
            marks = _body_marks(state.answers[step.id])
        elif step.kind == SCAN_REGION:
            marks.update(_body_marks(state.answers[step.id]))
    return list(marks.values())


def to_entry(
    state: FlowState,
    now: Stamp,
    uuid: str,
    *,
    pair_uuid: str | None = None,
    duration_s: int | None = None,
) -> Entry:
    """The stored Entry of a finished flow, from the answers on the path taken.

    Answers left on a branch not taken (e.g. body-first words, then back to the
    wheel and a word chosen there) are not part of the entry. A body_map answer
    is the whole map so far and replaces earlier ones; scan_region answers add
    to the map, place by place.
    """
    if not state.is_finished:
        raise FlowError("Only a finished exercise becomes an entry.")
    presence: int | None = None
    labels: tuple[Label, ...] = ()
    marks: dict[str, BodyMark] = {}
    tags: list[Tag] = []
    ratings: tuple[tuple[str, int], ...] = ()
    before = note = ""
    cant_tell = asked = False
    for index in state.path:
        step = state.flow.steps[index]
        asked = asked or step.kind in NAMING
        if step.id not in state.answers:
            continue
        value = state.answers[step.id]
        if step.kind == PRESENCE:
            presence = cast(int, value)
        elif step.kind == BODY_MAP:
            marks = _body_marks(value)
        elif step.kind == SCAN_REGION:
            marks.update(_body_marks(value))
        elif step.kind == WHEEL and value == CANT_TELL:
            cant_tell = True
        elif step.kind in (WHEEL, CANDIDATES):
            labels = _labels(value)
        elif step.kind == CONTRAST:
            chosen = cast(dict[str, JSON], value)
            path = cast(list[str], chosen["path"])
            labels = (Label(path[-1], cast("int | None", chosen["intensity"])),)
        elif step.kind == CONTEXT:
            ctx = cast(dict[str, JSON], value)
            tags += [Tag(TagKind.SITUATION, t) for t in cast(list[str], ctx["situations"])]
            tags += [Tag(TagKind.PERSON, t) for t in cast(list[str], ctx["people"])]
            before = cast(str, ctx["before"])
        elif step.kind == NOTE:
            note = cast(str, value)
        elif step.kind == INVENTORY:
            rated = cast(dict[str, int], value)
            ratings = tuple(sorted((i.id, rated[i.id]) for i in ITEMS))  # as stored
    if labels:
        words_state = WordsState.NAMED
    elif cant_tell:
        words_state = WordsState.CANT_TELL
    else:
        words_state = WordsState.SKIPPED if asked else WordsState.NOT_ASKED
    return Entry(
        uuid=uuid,
        kind=state.flow.entry_kind,
        at=now,
        presence=presence,
        words_state=words_state,
        labels=labels,
        marks=tuple(marks.values()),
        tags=tuple(tags),
        ratings=ratings,
        before=before,
        note=note,
        pair_uuid=pair_uuid,
        pauses=state.pauses,
        duration_s=duration_s,
        updated_utc=now.utc,
    )
