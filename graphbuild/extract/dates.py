"""Resolve date phrases (« mardi 7 décembre », "on Wednesday", « le 3 mars ») against the
article's publication date. Pure functions, no spaCy.

The vocabulary (weekday and month names per language) is data: ``data/<lang>/dates.json``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class DateVocab:
    weekdays: dict[str, int]       # normalised name -> 0 (Monday) .. 6
    months: dict[str, int]         # normalised name -> 1..12
    yesterday: frozenset[str]
    today: frozenset[str]
    tomorrow: frozenset[str]


@lru_cache(maxsize=65_536)
def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).strip(".")


@lru_cache(maxsize=None)
def vocab(lang: str) -> DateVocab:
    raw = json.loads(resources.files("graphbuild").joinpath(f"data/{lang}/dates.json").read_text("utf-8"))
    return DateVocab(
        weekdays={_norm(k): v for k, v in raw["weekdays"].items()},
        months={_norm(k): v for k, v in raw["months"].items()},
        yesterday=frozenset(map(_norm, raw.get("yesterday", []))),
        today=frozenset(map(_norm, raw.get("today", []))),
        tomorrow=frozenset(map(_norm, raw.get("tomorrow", []))),
    )


_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def resolve(phrase: str, lang: str, article_date: date | None, precision: str | None,
            *, future: bool = False) -> tuple[date, str] | None:
    """Resolve a date phrase to (date, precision) relative to the article date.

    A weekday alone is the latest such day on or before the article date (news reports the
    past), or the next one when ``future`` is set (« doit rencontrer mardi »). A day and month
    take the article's year (the previous year when that would put them after the article
    by more than a month). Returns ``None`` when the phrase names no date.

    >>> resolve("mardi 7 décembre", "fr", date(2021, 12, 1), "month")
    (datetime.date(2021, 12, 7), 'day')
    >>> resolve("on Wednesday", "en", date(2021, 6, 17), "day")
    (datetime.date(2021, 6, 16), 'day')
    """
    v = vocab(lang)
    toks = [_norm(t) for t in _TOKEN.findall(phrase)]
    weekday = next((v.weekdays[t] for t in toks if t in v.weekdays), None)
    month = next((v.months[t] for t in toks if t in v.months), None)
    day = None
    year = None
    for i, t in enumerate(toks):
        if t.isdigit():
            n = int(t)
            if 1900 <= n <= 2100:
                year = n
            elif 1 <= n <= 31 and month is not None and day is None:
                day = n
        elif t in ("1er", "1st") and day is None:
            day = 1
    if month is not None and day is not None:
        y = year or (article_date.year if article_date else None)
        if y is None:
            return None
        try:
            d = date(y, month, day)
        except ValueError:
            return None
        if year is None and article_date and precision == "day" and (d - article_date).days > 31:
            d = date(y - 1, month, day)
        return d, "day"
    if month is not None and year is not None and day is None:
        return date(year, month, 1), "month"
    if article_date is None or precision != "day":
        return None
    if any(t in v.yesterday for t in toks):
        return article_date - timedelta(days=1), "day"
    if any(t in v.today for t in toks):
        return article_date, "day"
    if any(t in v.tomorrow for t in toks):
        return article_date + timedelta(days=1), "day"
    if weekday is not None:
        delta = (article_date.weekday() - weekday) % 7
        if future:
            delta = -((weekday - article_date.weekday()) % 7)
        return article_date - timedelta(days=delta), "day"
    return None


def names(lang: str) -> frozenset[str]:
    """Every normalised word that can start a date phrase in ``lang`` (for token filters)."""
    v = vocab(lang)
    return frozenset(v.weekdays) | frozenset(v.months) | v.yesterday | v.today | v.tomorrow
