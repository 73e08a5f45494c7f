"""The guided exercises as data: steps, branches and the words a person reads.

A flow is a tuple of frozen steps (STYLE: "Flows are data"); the step machine
in ``core.flows`` walks it and the Qt layer only shows the current step. The
order of the tuple is the reading order; a step goes on to the next one unless
a branch matches its answer or ``skip_to`` names a later step. Every flow is
checked when it is built: unique ids, known kinds, targets that exist, no
loops, and every step reachable, so every walk reaches the end.

Copy follows SPEC §2: warm, never shaming, and "numb", "nothing" and "I can't
tell" are answers like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from emotrainer.core.body import AREA_IDS, AREAS
from emotrainer.core.models import KIND_LABELS, EntryKind

# Step kinds, each with its own answer shape (see core.flows.validate_answer).
PRESENCE = "presence"  # int 0–10
BODY_MAP = "body_map"  # list of marks: the whole map so far
WHEEL = "wheel"  # 1–3 [word_id, intensity|None] pairs, or "cant_tell"
CANDIDATES = "candidates"  # 1–3 pairs picked from body-first suggestions
CONTEXT = "context"  # {"situations": [...], "people": [...], "before": "..."}
NOTE = "note"  # text up to 20,000 characters
CONTRAST = "contrast"  # {"path": [broad, ..., specific], "intensity": int|None}
SCAN_REGION = "scan_region"  # list of marks within the step's body area
INVENTORY = "inventory"  # {item_id: 0–4} for every inventory item
SUMMARY = "summary"  # no answer
GROUNDING = "grounding"  # no answer
BREATHING = "breathing"  # no answer

ANSWERLESS = frozenset({SUMMARY, GROUNDING, BREATHING})
NAMING = frozenset({WHEEL, CANDIDATES, CONTRAST})
KINDS = frozenset(
    {PRESENCE, BODY_MAP, WHEEL, CANDIDATES, CONTEXT, NOTE, CONTRAST, SCAN_REGION, INVENTORY}
    | ANSWERLESS
)
CANT_TELL = "cant_tell"  # the wheel's "I don't know what I feel"

_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


class FlowDefinitionError(ValueError):
    """A flow's data is inconsistent: a bug in the definitions, caught at import."""


@dataclass(frozen=True, slots=True)
class Branch:
    """Go to step ``to`` when this step's answer equals ``when``."""

    when: str
    to: str


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: str
    title: str
    prompt: str
    optional: bool = False
    # The step that follows this one when no branch matches (skipping over the
    # steps in between); None: the next step in order, or the end after the last.
    skip_to: str | None = None
    branches: tuple[Branch, ...] = ()
    area: str | None = None  # scan_region: the body area (core.body.AREAS) to notice

    @property
    def takes_answer(self) -> bool:
        return self.kind not in ANSWERLESS


@dataclass(frozen=True, slots=True)
class Flow:
    id: str
    title: str
    steps: tuple[Step, ...]
    entry_kind: EntryKind
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.id: i for i, s in enumerate(self.steps)})
        check_flow(self)

    def index(self, step_id: str) -> int:
        """The position of a step; KeyError for an id the flow does not have."""
        return self._index[step_id]

    def step(self, step_id: str) -> Step:
        return self.steps[self._index[step_id]]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._index

    def successors(self, index: int) -> list[int | None]:
        """Every place a step can lead to: branch targets and the default (None: the end)."""
        step = self.steps[index]
        out: list[int | None] = [self._index[b.to] for b in step.branches]
        out.append(self.default_next(index))
        return out

    def default_next(self, index: int) -> int | None:
        step = self.steps[index]
        if step.skip_to is not None:
            return self._index[step.skip_to]
        return index + 1 if index + 1 < len(self.steps) else None


def check_flow(flow: Flow) -> None:
    """Refuse a flow that could confuse the step machine; the message names the step."""
    if not flow.steps:
        raise FlowDefinitionError(f"{flow.id}: a flow needs at least one step")
    ids = [s.id for s in flow.steps]
    for step in flow.steps:
        where = f"{flow.id}.{step.id}"
        if not _ID.fullmatch(step.id):
            raise FlowDefinitionError(f"{where}: step ids are short lower-case identifiers")
        if ids.count(step.id) > 1:
            raise FlowDefinitionError(f"{where}: step id used twice")
        if step.kind not in KINDS:
            raise FlowDefinitionError(f"{where}: unknown kind {step.kind!r}")
        if (step.kind == SCAN_REGION) != (step.area is not None):
            raise FlowDefinitionError(f"{where}: an area belongs to exactly the scan_region steps")
        if step.area is not None and step.area not in AREA_IDS:
            raise FlowDefinitionError(f"{where}: unknown body area {step.area!r}")
        if step.branches and not step.takes_answer:
            raise FlowDefinitionError(f"{where}: a step without an answer cannot branch")
        for target in [b.to for b in step.branches] + [step.skip_to]:
            if target is not None and target not in ids:
                raise FlowDefinitionError(f"{where}: no step {target!r} to go to")
            if target == step.id:
                raise FlowDefinitionError(f"{where}: a step cannot lead to itself")
    _check_graph(flow)


def _check_graph(flow: Flow) -> None:
    """No loops, and every step reachable from the first: so every walk reaches the end."""
    state: dict[int, str] = {}  # "open" while on the current walk, then "done"

    def visit(i: int) -> None:
        state[i] = "open"
        for nxt in flow.successors(i):
            if nxt is None or state.get(nxt) == "done":
                continue
            if state.get(nxt) == "open":
                raise FlowDefinitionError(f"{flow.id}.{flow.steps[nxt].id}: the steps form a loop")
            visit(nxt)
        state[i] = "done"

    visit(0)
    for i, step in enumerate(flow.steps):
        if i not in state:
            raise FlowDefinitionError(f"{flow.id}.{step.id}: this step can never be reached")


# -- copy shared by several flows ---------------------------------------------

_PRESENCE = Step(
    "presence",
    PRESENCE,
    "How present do you feel right now?",
    "From 0 (far away, foggy, numb) to 10 (here and connected). "
    "Any number is fine; this is only noticing, not a test.",
)
_NOTE = Step(
    "note",
    NOTE,
    "Anything you'd like to add?",
    "Write whatever helps, in your own words, or leave this empty.",
    optional=True,
)


def _wheel(branches: tuple[Branch, ...] = (), skip_to: str | None = None) -> Step:
    return Step(
        "wheel",
        WHEEL,
        "What are you feeling?",
        "Choose one to three words. A broad word is fine, and how strong each feeling is "
        "is a separate question. If you can't tell, “I don't know what I feel” is a real "
        "answer too.",
        branches=branches,
        skip_to=skip_to,
    )


# -- the flows ----------------------------------------------------------------

CHECKIN = Flow(
    "checkin",
    KIND_LABELS[EntryKind.CHECKIN],
    (
        _PRESENCE,
        Step(
            "body_map",
            BODY_MAP,
            "Where do you notice something in your body?",
            "Choose a place and what it feels like. “Numb” and “nothing” are answers too, "
            "and you can skip this.",
            optional=True,
        ),
        # "I don't know what I feel" leads to the body-first path; words go on to context.
        _wheel(branches=(Branch(CANT_TELL, "body_first"),), skip_to="context"),
        Step(
            "body_first",
            BODY_MAP,
            "Let's start with the body",
            "When words don't come, the body can help. Where do you notice anything: "
            "warmth, tightness, heaviness, restlessness, or nothing at all?",
            optional=True,
        ),
        Step(
            "candidates",
            CANDIDATES,
            "Words that often go with this",
            "These are ideas, not a verdict. Choose any that fit, or go on without words: "
            "not knowing is a valid answer, and it will be saved as one.",
            optional=True,
        ),
        Step(
            "context",
            CONTEXT,
            "What's going on around you?",
            "Add a few words about the situation, who is around, and what happened just "
            "before. All of it is optional.",
            optional=True,
        ),
        _NOTE,
        Step(
            "summary",
            SUMMARY,
            "Here's what you noticed",
            "Take a moment with the words you chose and what they mean. "
            "Thank you for checking in with yourself.",
        ),
    ),
    EntryKind.CHECKIN,
)

BODY_SCAN = Flow(
    "body_scan",
    KIND_LABELS[EntryKind.BODY_SCAN],
    (
        *(
            Step(
                f"scan_{a.id}",
                SCAN_REGION,
                "Your whole body" if a.id == "whole_body" else f"Your {a.label.lower()}",
                "Rest your attention here for as long as you like. Notice any sensation, "
                "or that there's nothing to notice; both are fine.",
                optional=True,
                area=a.id,
            )
            for a in AREAS
        ),
        Step(
            "summary",
            SUMMARY,
            "Your body map",
            "This is what you noticed today. There's nothing to fix; noticing is the practice.",
        ),
    ),
    EntryKind.BODY_SCAN,
)

UNPACK = Flow(
    "unpack",
    KIND_LABELS[EntryKind.UNPACK],
    (
        Step(
            "contrast",
            CONTRAST,
            "Unpack a feeling",
            "Start from a broad word, like “sadness” or “fear”. Then choose, between close "
            "words, the one that fits a little better. You can stop at any level; a broad "
            "word is a fine place to stop.",
        ),
        Step(
            "body_map",
            BODY_MAP,
            "Where do you notice it in your body?",
            "If you'd like, mark where this feeling shows up. You can skip this.",
            optional=True,
        ),
        _NOTE,
        Step(
            "summary",
            SUMMARY,
            "The word you found",
            "Here is the word and what it means. Finding it took attention; well done for "
            "taking the time.",
        ),
    ),
    EntryKind.UNPACK,
)

_SENSES = (
    ("see", 5, "five things you can see", "Look around slowly and name them to yourself."),
    ("touch", 4, "four things you can feel", "Your feet on the floor, clothes, the air…"),
    ("hear", 3, "three things you can hear", "Near or far, loud or very quiet."),
    ("smell", 2, "two things you can smell", "Or two smells you like, if nothing is there."),
    ("taste", 1, "one thing you can taste", "Or simply notice your mouth as it is."),
)

GROUNDING_PAUSE = Flow(
    "grounding",
    KIND_LABELS[EntryKind.GROUNDING],
    (
        *(
            Step(
                sense,
                GROUNDING,
                f"Notice {what}",
                f"{hint} There's no hurry, and you can stop whenever you like.",
            )
            for sense, _count, what, hint in _SENSES
        ),
        Step(
            "breathe",
            BREATHING,
            "Breathe with the guide",
            "Breathe in as the shape grows and out as it shrinks. Stay as long as you like.",
        ),
    ),
    EntryKind.GROUNDING,
)


def _session(flow_id: str, kind: EntryKind, ending: str) -> Flow:
    return Flow(
        flow_id,
        KIND_LABELS[kind],
        (
            _PRESENCE,
            _wheel(),
            _NOTE,
            Step("summary", SUMMARY, "Saved for you", ending),
        ),
        kind,
    )


SESSION_BEFORE = _session(
    "session_before",
    EntryKind.SESSION_BEFORE,
    "After the session, you can check in again and see the two side by side.",
)
SESSION_AFTER = _session(
    "session_after",
    EntryKind.SESSION_AFTER,
    "Here is how you arrived and how you are leaving. Any change, or none, is worth knowing.",
)

INVENTORY_FLOW = Flow(
    "inventory",
    KIND_LABELS[EntryKind.INVENTORY],
    (
        Step(
            "inventory",
            INVENTORY,
            "How much do you feel each of these right now?",
            "Rate each from 0 (not at all) to 4 (very much). There are no right answers, "
            "and 0 is as useful as 4.",
        ),
        Step(
            "summary",
            SUMMARY,
            "Thank you",
            "Repeated now and then, these ratings show how finely you tell feelings apart.",
        ),
    ),
    EntryKind.INVENTORY,
)

FLOWS: dict[str, Flow] = {
    f.id: f
    for f in (
        CHECKIN,
        BODY_SCAN,
        UNPACK,
        GROUNDING_PAUSE,
        SESSION_BEFORE,
        SESSION_AFTER,
        INVENTORY_FLOW,
    )
}
