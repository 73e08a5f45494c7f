"""Reading untrusted JSON with errors that name the place.

``read_untrusted_json`` reads a file from outside (size-capped, UTF-8, no NaN)
for every importer and the plan reader alike.

A Reader walks a parsed document and raises BadInput("entries[3].labels[0]
.intensity: expected a whole number from 0 to 10") at the first problem, so
every importer says where a file is wrong in one line.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn


class BadInput(ValueError):
    """Untrusted input was refused; the message names the place."""


def human_size(size: int) -> str:
    """A byte count as a person reads it: "512 bytes", "64 KB", "1.5 MB" (1 KB = 1024 bytes)."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = round(size / 1024, 1)
    unit = "KB"
    if value >= 1024:  # after rounding, so that 1023.99 KB reads "1 MB"
        value, unit = round(size / (1024 * 1024), 1), "MB"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def read_untrusted_json(path: Path, max_bytes: int, what: str = "a valid file") -> Any:
    """Parse a file from outside, size-capped; BadInput names the file and place.

    ``what`` finishes the one reason that names no place: "nested too deeply
    to be {what}".
    """
    too_big = BadInput(f"{path}: larger than {human_size(max_bytes)}")
    try:
        if path.stat().st_size > max_bytes:
            raise too_big
        # Read at most one byte more than allowed: a file that grows meanwhile,
        # a pipe or /dev/zero report a small size but never end.
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise too_big
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: byte {exc.start}: not UTF-8 text") from None
    return parse_untrusted_json(text, str(path), what)


def parse_untrusted_json(text: str, where: str, what: str = "a valid file") -> Any:
    """JSON text from outside (no NaN, no Infinity); BadInput names ``where`` and the line."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise BadInput(f"{where}: nested too deeply to be {what}") from None
    except ValueError as exc:  # an integer of thousands of digits, NaN, Infinity
        problem = " ".join(str(exc).split())[:80]
        raise BadInput(f"{where}: not valid JSON ({problem})") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class Reader:
    def __init__(self, value: Any, where: str = "") -> None:
        self.value = value
        self.where = where

    def fail(self, problem: str) -> NoReturn:
        raise BadInput(f"{self.where or 'top level'}: {problem}")

    def _child(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.where}[{key}]"
        return f"{self.where}.{key}" if self.where else key

    def obj(self, allowed: set[str] | None = None) -> Reader:
        if not isinstance(self.value, Mapping):
            self.fail("expected an object")
        if allowed is not None:
            unknown = set(self.value) - allowed
            if unknown:
                self.fail(f"unexpected field {sorted(unknown)[0]!r}")
        return self

    def get(self, key: str, *, optional: bool = False) -> Reader:
        self.obj()
        if key not in self.value:
            if optional:
                return Reader(None, self._child(key))
            self.fail(f"missing field {key!r}")
        return Reader(self.value[key], self._child(key))

    def items(self, *, max_items: int = 10_000_000) -> Iterator[Reader]:
        if not isinstance(self.value, list):
            self.fail("expected a list")
        if len(self.value) > max_items:
            self.fail(f"more than {max_items} items")
        for i, item in enumerate(self.value):
            yield Reader(item, self._child(i))

    @property
    def missing(self) -> bool:
        return self.value is None

    def text(self, *, max_len: int = 10_000, allow_empty: bool = True) -> str:
        if not isinstance(self.value, str):
            self.fail("expected text")
        if len(self.value) > max_len:
            self.fail(f"longer than {max_len} characters")
        if not allow_empty and not self.value.strip():
            self.fail("expected non-empty text")
        return self.value

    def opt_text(self, *, max_len: int = 10_000) -> str | None:
        return None if self.value is None else self.text(max_len=max_len)

    def integer(self, low: int, high: int) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"expected a whole number from {low} to {high}")
        if not low <= self.value <= high:
            self.fail(f"expected a whole number from {low} to {high}")
        return self.value

    def opt_integer(self, low: int, high: int) -> int | None:
        return None if self.value is None else self.integer(low, high)

    def number(self, low: float, high: float) -> float:
        ok = isinstance(self.value, int | float) and not isinstance(self.value, bool)
        if not ok or not low <= self.value <= high:
            self.fail(f"expected a number from {low:g} to {high:g}")
        return float(self.value)

    def opt_number(self, low: float, high: float) -> float | None:
        return None if self.value is None else self.number(low, high)

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("expected true or false")
        return self.value

    def choice(self, options: Collection[str]) -> str:
        value = self.text(max_len=100)
        if value not in options:
            self.fail(f"unknown value {value!r}")
        return value

    def any_json(self) -> Any:
        return self.value
