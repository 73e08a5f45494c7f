"""Progress metrics as plain numbers (the progress page and ``stats`` share them).

Active vocabulary: the distinct words a person has named in any exercise,
overall and per level of the vocabulary tree. Words that are no longer in
the vocabulary (a removed user word) still count, under "unknown level".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from emotrainer.core.vocabulary import Level, Vocabulary


@dataclass(frozen=True, slots=True)
class ActiveVocabulary:
    total: int
    by_level: dict[str, int]
    own_words: int  # of the total, how many are the user's own words

    def as_json(self) -> dict[str, object]:
        return {"total": self.total, "by_level": self.by_level, "own_words": self.own_words}


def active_vocabulary(used_word_ids: Iterable[str], vocabulary: Vocabulary) -> ActiveVocabulary:
    by_level = {level.value: 0 for level in Level}
    total = own = 0
    for word_id in set(used_word_ids):
        total += 1
        word = vocabulary.find(word_id)
        if word is None:
            by_level["unknown"] = by_level.get("unknown", 0) + 1
            continue
        by_level[word.level.value] += 1
        own += word.is_user
    return ActiveVocabulary(total, by_level, own)
