from __future__ import annotations

from digest.quotes.focus import Context, people, resolve, subjects
from digest.quotes.roles import RoleBook
from digest.text.names import NameBook

TEXT = (
    "Indiana Gov. Mike Pence met Senator Maria Lopez and Mr. John Reed on Monday. "
    "Lopez said the plan was sound. Reed, a lawyer, argued against it."
)


def context() -> Context:
    book = NameBook(TEXT)
    return Context(book, RoleBook(TEXT, book))


def test_subjects_and_people_in_narration() -> None:
    book = NameBook(TEXT)
    assert subjects(TEXT, book) == ["Mike Pence", "Maria Lopez", "John Reed"]
    named = ["Mike Pence", "Maria Lopez", "John Reed", "Maria Lopez", "John Reed"]
    assert people(TEXT, book) == named  # every mention, in order


def test_pronouns_follow_focus_and_gender() -> None:
    ctx = context()
    for name in people(TEXT, ctx.book):
        ctx.mention(name)
    for name in subjects(TEXT, ctx.book):
        ctx.push(name)
    assert resolve("he", ctx) == "John Reed"
    assert resolve("she", ctx) == "Maria Lopez"  # the focus is a man: the latest woman named
    assert resolve("they", ctx) is None


def test_names_descriptions_and_outlets() -> None:
    ctx = context()
    assert resolve("Gov. Pence", ctx) == "Mike Pence"
    assert resolve("the Indiana governor", ctx) == "Mike Pence"
    assert resolve("a senior official", ctx) == "a senior official"  # kept as written
    assert resolve("Reuters", ctx) == "Reuters"
    assert resolve("CONGRESS HAS INVESTIGATED HIM", ctx) is None  # a heading, not a name
