"""How a report says things: the labels and sentences the PDF and the report window share. Pure.

The PDF (``ui.report_pdf``) and the window that opens a client's
``.emoreport`` (``ui.report_viewer``) say the same things in the same words,
so the plain text lives here, without Qt. Every value may come from a client's
file: these functions only build strings, and the caller shows them as plain
text.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime

from emotrainer.core.bodymap import region_label
from emotrainer.core.progress_axis import MONTH_NAMES
from emotrainer.core.report import (
    HomeworkPart,
    NoteLine,
    Report,
    Section,
    TaskCount,
    WordUsed,
    range_phrase,
)

TITLE = "emotrainer — progress report"

FIGURE_LABELS = {
    "words_named": "Different feelings named so far",
    "new_words": "New in these days",
    "entries": "Exercises",
    "words_used": "Different words used in these days",
    "families_used": "Families those words come from",
    "specific_percent": "Share of specific words",
    "presence_mean": "Presence, on average",
    "places_per_body_checkin": "Places noticed per body check-in",
    "numb_or_nothing_percent": "“Numb” or “nothing”",
    "differentiation": "Telling difficult feelings apart",
    "words_mastered": "Words mastered in the trainer",
    "homework_adherence": "Homework done",
    "cant_tell": "“I can't tell” answers",
}

SECTION_NAMES = {
    Section.SUMMARY: "summary",
    Section.CHARTS: "charts",
    Section.WORDS: "words used",
    Section.HOMEWORK: "homework",
    Section.NOTES: "your notes",
}

SECTION_HEADINGS = {
    Section.SUMMARY: "In these days",
    Section.CHARTS: "Charts",
    Section.WORDS: "Words used",
    Section.HOMEWORK: "Homework",
    Section.NOTES: "Notes",
}
WORD_COLUMNS = ("Word", "Family", "Times", "First used", "")

NOT_A_SCORE = (
    "Everything here is a count of what was recorded in the app, or a plain "
    "sentence about it. Nothing here ranks or scores the person."
)
NO_WORDS = (
    "No feelings were named in these days. Naming even one, when it feels "
    "right, is a start; “I can't tell” is an answer too."
)
NEW_WORDS = "“new”: named for the first time in these days. Most used first."
NO_HOMEWORK = "There was no homework plan in these days."
NO_NOTES = "There are no notes in these days."
HEAT_HEADING = "Where in the body"
HEAT_LEGEND = "Entries that noticed something there"


def day_text(day: date) -> str:
    """ "3 Nov 2026": spelled out here so it does not change with the system locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def range_text(report: Report) -> str:
    """ "1 November to 1 December 2026", "3 May 2026"."""
    phrase = range_phrase(report.first_day, report.last_day)
    return phrase.removeprefix("From ").removeprefix("On ")


def made_text(made_utc: str) -> str:
    """ "Made on 9 Mar 2026 at 19:00", in the reader's own time zone."""
    try:
        made = datetime.fromisoformat(made_utc).astimezone()
    except ValueError:
        return f"Made {made_utc}"
    return f"Made on {day_text(made.date())} at {made:%H:%M}"


def figure_text(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in ("specific_percent", "numb_or_nothing_percent"):
        return f"{value:.0f} %"
    if key == "homework_adherence":
        return f"{100 * value:.0f} % of what was asked"
    if key == "presence_mean":
        return f"{value:.1f} of 10"
    if key == "places_per_body_checkin":
        return f"{value:.1f}"
    if key == "differentiation":
        return f"{value:.2f}"
    return f"{value:g}"


def word_cells(word: WordUsed) -> tuple[str, str, str, str, str]:
    """A row of the words table, in WORD_COLUMNS' order."""
    return (
        word.label,
        word.family_label or "—",
        str(word.times),
        day_text(word.first_day),
        "new" if word.new_in_range else "",
    )


def included_text(sections: Collection[Section]) -> str:
    """ "Included: summary, charts, words used." """
    chosen = [SECTION_NAMES[s] for s in Section if s in sections]
    return f"Included: {', '.join(chosen) if chosen else 'nothing but this page'}."


def notes_included_text(sections: Collection[Section]) -> str:
    if Section.NOTES in sections:
        return "The person's own notes are included, because they chose to include them."
    return "The person's own notes are not included."


def heat_text(heat: Mapping[str, float]) -> str:
    """The ten places noticed most often, with how many entries noticed each."""
    top = sorted(heat.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    places = "; ".join(f"{place_label(place)} ({count:g})" for place, count in top)
    return f"The places noticed most often, with how many entries noticed them: {places}."


def place_label(region_id: str) -> str:
    try:
        return region_label(region_id)
    except KeyError:
        return region_id


def plan_dates_text(part: HomeworkPart) -> str:
    """ "With Dr. Rivera · 4 Mar 2026 to 17 Mar 2026" """
    who = f"With {part.therapist} · " if part.therapist else ""
    return f"{who}{day_text(part.start)} to {day_text(part.end)}"


def task_done_text(task: TaskCount) -> str:
    return f"{task.done} of {task.expected}"


def overall_text(part: HomeworkPart) -> str:
    """ "Overall: 6 of 8 asked (75 %)." """
    if part.overall is None:
        return "Nothing was asked yet in these days."
    asked = sum(t.expected for t in part.tasks)
    counted = sum(t.done for t in part.tasks)
    return f"Overall: {counted} of {asked} asked ({100 * part.overall:.0f} %)."


def note_head(line: NoteLine) -> str:
    """ "4 Mar 2026 · Check-in · Irritated, Tense" """
    head = f"{day_text(line.day)} · {line.kind}"
    if line.words:
        head += f" · {', '.join(line.words)}"
    return head


def note_paragraphs(note: str) -> list[str]:
    """A note's lines without blank ones; tabs become spaces."""
    text = note.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return [p for p in (part.strip() for part in text.split("\n")) if p] or [""]
