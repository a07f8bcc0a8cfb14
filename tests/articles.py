"""Article text written for the tests (nothing copied from the evaluation data)."""

from __future__ import annotations

TOPICS = {
    "bridge": (
        "City Council Approves New River Bridge",
        [
            "The city council voted 7-2 on Tuesday to approve a new bridge across the Elm River, "
            "ending a decade of debate over how to ease traffic in the downtown area.",
            "The bridge will cost about $120 million and is expected to open in 2029, officials "
            "said, with most of the money coming from a state transportation grant.",
            "“This is the most important infrastructure decision the city has made in a "
            "generation,” Mayor Linda Park said after the vote.",
            "Opponents argued the project would harm wetlands along the river banks and said they "
            "would consider a legal challenge against the council's decision next month.",
            "Construction crews are scheduled to begin preparing the site in the spring, and the "
            "city plans to publish detailed traffic plans for the building period in January.",
        ],
    ),
    "storm": (
        "Winter Storm Brings Heavy Snow to the Northern Plains",
        [
            "A powerful winter storm dumped more than two feet of snow across parts of the "
            "northern plains on Monday, closing highways and cutting power to thousands of homes.",
            "Forecasters warned that strong winds would continue to cause blowing snow and "
            "dangerous travel conditions through Wednesday morning in several states.",
            "“Stay off the roads unless you absolutely have to travel,” said Governor Mark "
            "Ellison, who declared a state of emergency for twelve counties.",
            "Utility companies said crews were working around the clock to restore electricity, "
            "but some rural customers could remain without power until the weekend.",
            "Schools in the largest cities of the region announced closures for the rest of the "
            "week as temperatures were forecast to drop well below zero.",
        ],
    ),
    "chips": (
        "Chipmaker Reports Record Quarterly Revenue on Strong Demand",
        [
            "Semiconductor maker Arclight Systems reported record quarterly revenue on Thursday, "
            "lifted by strong demand for chips used in data centers and electric vehicles.",
            "Revenue rose 34 percent from a year earlier to $8.2 billion, beating analyst "
            "estimates, and the company raised its outlook for the rest of the fiscal year.",
            "“Demand from our largest customers has never been stronger,” chief executive Priya "
            "Raman told analysts on a conference call.",
            "Shares of the company rose nearly 9 percent in after-hours trading following the "
            "announcement, adding to gains of more than 60 percent so far this year.",
            "The company said it would spend another $5 billion expanding two factories to keep "
            "up with orders that now stretch well into the next calendar year.",
        ],
    ),
}


def paragraphs(topic: str) -> list[str]:
    return TOPICS[topic][1]


def title(topic: str) -> str:
    return TOPICS[topic][0]


def text_file(topic: str, extra: str = "") -> str:
    return f"{title(topic)}\n\n{extra}" + "\n\n".join(paragraphs(topic)) + "\n"


def synthetic(n: int) -> str:
    """A distinct article (seeded pseudo-words, so no two share content words): a headline
    line, then four paragraphs of three sentences."""
    import random

    rng = random.Random(n)
    syllables = ["ka", "lo", "mi", "ren", "tus", "vo", "zel", "pra", "dun", "shi", "mor", "bex"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    def sentence() -> str:
        words = [word() for _ in range(rng.randint(8, 14))]
        return " ".join(words).capitalize() + "."

    title = " ".join(word().title() for _ in range(6))
    paragraphs = [" ".join(sentence() for _ in range(3)) for _ in range(4)]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"
