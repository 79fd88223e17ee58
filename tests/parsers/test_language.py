"""The article's language: declared and detected side by side, ``language`` the declared one
else the detected one."""

from __future__ import annotations

import parsers

ENGLISH = " ".join(
    f"The minister said on Tuesday that the talks with the delegation from the north were going well and that {n}"
    " agreements would be signed by the end of the year."
    for n in range(6)
)
GERMAN = " ".join(
    f"Der Minister sagte am Dienstag, dass die Gespräche mit der Delegation aus dem Norden gut verlaufen und {n}"
    " Abkommen bis zum Ende des Jahres unterzeichnet werden sollen."
    for n in range(6)
)


def _page(lang_attr: str, text: str) -> str:
    return (
        f"<html{lang_attr}><head><title>Talks</title></head>"
        f"<body><article><h1>Talks</h1><p>{text}</p></article></body></html>"
    )


def test_declared_and_detected_are_both_kept() -> None:
    article = parsers.parse(_page(' lang="de-DE"', ENGLISH), url="https://news.example/2023/05/11/talks")
    assert article.language_declared == "de-DE"
    assert article.language_detected == "en"
    assert article.language == "de-DE"


def test_detected_language_stands_in_when_nothing_is_declared() -> None:
    article = parsers.parse(_page("", GERMAN), url="https://news.example/2023/05/11/talks")
    assert article.language_declared is None
    assert article.language_detected == "de"
    assert article.language == "de"


def test_batch_record_carries_both_languages() -> None:
    from parsers.batch import article_to_record

    record = article_to_record(parsers.parse(_page(' lang="en"', ENGLISH), url="https://news.example/2023/05/11/t"))
    assert (record["language"], record["language_declared"], record["language_detected"]) == ("en", "en", "en")
