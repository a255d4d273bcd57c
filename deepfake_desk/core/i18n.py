"""Words the core says, marked for translation without Qt: the core always speaks English.

The CLI, the CSV and the JSON stay English (their values are a contract). The window
translates for display: it passes Qt's `QCoreApplication.translate` as `translate` to
the wording functions (deepfake_desk.core.wording, the reports), which look every
phrase up under its context before filling in the values. pyside6-lupdate extracts
calls named `translate("Context", "text")` and `QT_TRANSLATE_NOOP("Context", "text")`,
so both spellings below put the English text into the .ts files
(resources/translations/, README "Languages").
"""

from __future__ import annotations

import re
from collections.abc import Callable

# (context, English text) -> the text in the reader's language
Translate = Callable[[str, str], str]


def english(context: str, text: str) -> str:
    """The identity translation: what the CLI and the exports use."""
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate looks for)
    """Marks `text` for translation under `context` where it is defined; translated where shown."""
    return text


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?%?")


def translate_message(text: str, translate: Translate = english) -> str:
    """A core message (an error, a reason, a note) in the reader's language, looked up under "Messages".

    The core says its messages in English and often composes them as "what: detail"
    ("corrupt image: the file is truncated", "image too large: 9000 x 9000 pixels"): a message
    not marked whole is looked up part by part, each marked part translated and the rest (sizes,
    a decoder's own words) kept as the core said it. A part with numbers in it is also looked up
    as its template, the numbers as {0}, {1}, ... ("100% of it is flat colour" under
    "{0} of it is flat colour"), so a message marked with its placeholders is translated with
    the numbers kept.
    """
    if not text:
        return text
    whole = _translate_part(text, translate)
    if whole != text or ": " not in text:
        return whole
    head, tail = text.split(": ", 1)
    return f"{_translate_part(head, translate)}: {translate_message(tail, translate)}"


def _translate_part(text: str, translate: Translate) -> str:
    done = translate("Messages", text)
    if done != text:
        return done
    numbers = _NUMBER.findall(text)
    if not numbers:
        return text
    counter = iter(range(len(numbers)))
    template = _NUMBER.sub(lambda _: f"{{{next(counter)}}}", text.replace("{", "{{").replace("}", "}}"))
    translated = translate("Messages", template)
    if translated == template:
        return text
    try:
        return translated.format(*numbers)
    except (IndexError, KeyError, ValueError):  # a translation with other placeholders: keep the English
        return text
