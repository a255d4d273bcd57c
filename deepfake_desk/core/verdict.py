"""The verdicts a file can get. Their values are the CSV's `verdict` column: a contract."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """What the app says about one file.

    A `StrEnum`, so a verdict compares equal to its CSV value and formats as it
    (`f"{Verdict.REAL}" == "real"`); `NOT_ANALYSED` is the empty string, so an error
    row's verdict is falsy and its CSV cell empty, as before the enum existed.
    """

    REAL = "real"  # below the low band: no signs of AI generation found (not proof)
    UNCERTAIN = "uncertain"  # between the bands, or the models disagree strongly
    FAKE = "fake"  # at or above the high band
    LABELLED_AI = "labelled-ai"  # a trustworthy content credential or IPTC label says AI-generated
    NOT_ASSESSABLE = "not-assessable"  # a picture these models cannot judge (graphics, far from training data)
    NOT_ANALYSED = ""  # the file could not be read or scored: see the row's error

    @property
    def decided(self) -> bool:
        """A real/fake call from the scores (what the dissent rule and the bands decide)."""
        return self in (Verdict.REAL, Verdict.FAKE)

    @classmethod
    def from_value(cls, value: str | None) -> Verdict:
        """The verdict of a CSV cell or a stored string; unknown text is an error, None not analysed."""
        return cls(value or "")


# Strongest first: the order of summaries, filters and sorting.
VERDICT_ORDER = (Verdict.LABELLED_AI, Verdict.FAKE, Verdict.UNCERTAIN, Verdict.REAL, Verdict.NOT_ASSESSABLE,
                 Verdict.NOT_ANALYSED)
