"""A question answered from the template catalogue, against one build (``/ask`` and the search page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chemkg.web.errors import BadRequest
from chemkg.web.live import Build

if TYPE_CHECKING:
    from chemkg.ask.answer import Answer

MAX_QUESTION_CHARS = 300


def ask_build(build: Build, q: str, lang: str | None) -> Answer:
    """The answer to ``q``; raises BadRequest for an empty or unknown-language question."""
    if not q or not q.strip():
        raise BadRequest.say("ask.empty")
    if lang is not None and lang not in ("en", "nl"):
        raise BadRequest(f"Unknown lang {lang!r}; allowed values: en, nl.")
    from chemkg.ask.answer import answer  # the catalogue and its lexicon load with the first question

    return answer(build.store, build.lexicon, " ".join(q.split())[:MAX_QUESTION_CHARS], lang)
