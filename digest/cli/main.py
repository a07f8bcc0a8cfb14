"""The ``digest`` command: a thin CLI over the library.

Every :class:`digest.errors.DigestError` becomes one line on stderr (``digest: error: ...``)
and exit status 1; argument mistakes exit 2 as usual with argparse. The commands live beside
this module: ``run`` (run, serve, web, preview, smtp-sink), ``people`` (ledger, subscribers),
``data`` (articles, summarize, quotes, eval, bench).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from digest import __version__
from digest.cli.data import (
    cmd_articles,
    cmd_bench,
    cmd_eval_pages,
    cmd_eval_quotes,
    cmd_eval_summaries,
    cmd_quotes,
    cmd_summarize,
)
from digest.cli.people import cmd_ledger, cmd_subscribers
from digest.cli.run import cmd_preview, cmd_run, cmd_serve, cmd_smtp_sink, cmd_web
from digest.errors import DigestError


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-29") from exc


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the daily-digest flow once")
    run.add_argument(
        "--source",
        action="append",
        dest="sources",
        metavar="PATH",
        help="a file or folder of articles (repeatable; default DIGEST_SOURCES)",
    )
    run.add_argument("--outbox", metavar="DIR", help="where to write the digest (DIGEST_OUTBOX)")
    run.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the digest's date")
    run.add_argument(
        "--force",
        action="store_true",
        help="include articles already in an earlier digest; rewrite a delivered date",
    )
    run.add_argument("--dry-run", action="store_true", help="build and render, deliver nothing")
    run.add_argument("--delivery", choices=["outbox", "smtp"], help="default DIGEST_DELIVERY")
    run.add_argument("--max-items", type=int, metavar="N", help="default DIGEST_MAX_ITEMS")
    run.add_argument("--method", metavar="NAME", help="summarizer (default DIGEST_SUMMARIZER)")
    run.set_defaults(handler=cmd_run)

    ledger = sub.add_parser("ledger", help="who got which day's digest: list, resend, forget")
    action = ledger.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (
        ("list", "show the ledger (maybe-delivered rows first need a decision)"),
        ("resend", "send again on the next run: the named addresses, or all maybe-delivered"),
        ("forget", "delete a day's rows (or the named addresses'): they count as never sent"),
    ):
        command = action.add_parser(name, help=text)
        command.add_argument("--date", type=_date, required=name != "list", metavar="YYYY-MM-DD")
        command.add_argument("--newsletter", metavar="NAME", help="default DIGEST_NEWSLETTER_NAME")
        if name == "list":
            command.add_argument("--state", action="append", default=[], metavar="STATE")
        else:
            command.add_argument("recipients", nargs="*", metavar="EMAIL")
        command.set_defaults(handler=cmd_ledger)

    serve = sub.add_parser("serve", help="serve the daily-digest/daily deployment on its schedule")
    serve.add_argument(
        "--web", action="store_true", help="also run the web app (DIGEST_WEB_HOST:DIGEST_WEB_PORT)"
    )
    serve.set_defaults(handler=cmd_serve)

    web = sub.add_parser("web", help="the web app: sign-up, unsubscribe, archive")
    web.add_argument("--host", help="default DIGEST_WEB_HOST")
    web.add_argument("--port", type=int, metavar="N", help="default DIGEST_WEB_PORT")
    web.set_defaults(handler=cmd_web)

    people = sub.add_parser("subscribers", help="the subscriber store: import, list, export")
    act = people.add_subparsers(dest="action", required=True, metavar="ACTION")
    p_import = act.add_parser("import", help="add the people of a CSV file (email, name, ...)")
    p_import.add_argument("file", type=Path, metavar="FILE.csv")
    p_list = act.add_parser("list", help="one line per subscriber")
    p_list.add_argument("--status", choices=["pending", "active", "unsubscribed", "bounced"])
    p_export = act.add_parser("export", help="all subscribers as CSV")
    p_export.add_argument("--output", type=Path, metavar="FILE.csv", help="default: stdout")
    p_remove = act.add_parser("remove", help="unsubscribe addresses (never mailed again)")
    p_remove.add_argument("emails", nargs="+", metavar="EMAIL")
    people.set_defaults(handler=cmd_subscribers)

    summarize = sub.add_parser("summarize", help="summarize articles in a JSONL file")
    summarize.add_argument("--input", required=True, type=Path, metavar="IN.jsonl")
    summarize.add_argument("--output", required=True, type=Path, metavar="OUT.jsonl")
    summarize.add_argument("--sentences", type=int, default=None, metavar="N")
    summarize.add_argument(
        "--method",
        default=None,
        metavar="NAME",
        help="default, lead, lexrank, lsa, textrank, luhn, sumbasic, kl, ...",
    )
    summarize.set_defaults(handler=cmd_summarize)

    quotes = sub.add_parser("quotes", help="extract every direct quote from a JSONL file")
    quotes.add_argument("--input", required=True, type=Path, metavar="IN.jsonl")
    quotes.add_argument("--output", required=True, type=Path, metavar="OUT.jsonl")
    quotes.set_defaults(handler=cmd_quotes)

    preview = sub.add_parser(
        "preview", help="screenshots of the latest digest (600px, 375px, light, dark)"
    )
    preview.add_argument("--outbox", type=Path, metavar="DIR", help="default DIGEST_OUTBOX")
    preview.add_argument("--output", type=Path, metavar="DIR", help="default: the outbox")
    preview.set_defaults(handler=cmd_preview)

    sink = sub.add_parser("smtp-sink", help="a local SMTP server that keeps mail in a Maildir")
    sink.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    sink.add_argument("--port", type=int, default=8025, metavar="N")
    sink.add_argument("--maildir", type=Path, default=Path("sink"), metavar="DIR")
    sink.add_argument(
        "--discard", action="store_true", help="keep nothing, only accept (for benchmarks)"
    )
    sink.set_defaults(handler=cmd_smtp_sink)

    evaluate = sub.add_parser("eval", help="score summaries or quotes on an annotated JSONL file")
    what = evaluate.add_subparsers(dest="what", required=True, metavar="WHAT")
    ev_sum = what.add_parser("summaries", help="ROUGE-1/2/Lsum of each method beside LEAD-3")
    ev_sum.add_argument(
        "--input",
        required=True,
        type=Path,
        metavar="FILE.jsonl",
        help="objects with id, text and reference (highlights, one per line)",
    )
    ev_sum.add_argument(
        "--methods",
        nargs="+",
        default=["default"],
        metavar="NAME",
        help="methods to score beside lead (or 'all')",
    )
    ev_sum.add_argument("--sentences", type=int, default=3, metavar="N")
    ev_sum.add_argument(
        "--subset",
        default="all",
        choices=["all", "even", "odd"],
        help="the half of the file to score (by a hash of the id)",
    )
    ev_sum.set_defaults(handler=cmd_eval_summaries)
    ev_quotes = what.add_parser("quotes", help="quote-span P/R/F1 and speaker accuracy")
    ev_quotes.add_argument(
        "--input",
        required=True,
        type=Path,
        metavar="FILE.jsonl",
        help="objects with id, text and quotes [{quote, speaker}]",
    )
    ev_quotes.add_argument(
        "--subset",
        default="all",
        choices=["all", "even", "odd", "fit", "heldout"],
        help="part of the file by a hash of the id: halves, or fit (~75%%) / heldout (~25%%)",
    )
    ev_quotes.add_argument(
        "--show-disagreements",
        type=int,
        default=0,
        metavar="N",
        help="also print N random speaker disagreements with their context, to read by hand",
    )
    ev_quotes.add_argument("--seed", type=int, default=0, help="the sample's random seed")
    ev_quotes.set_defaults(handler=cmd_eval_quotes)
    ev_pages = what.add_parser("pages", help="boilerplate, kept text, recall, titles on pages")
    ev_pages.add_argument(
        "--input",
        required=True,
        type=Path,
        metavar="DIR",
        help="saved pages and their pages.jsonl (file, title, with, without, text)",
    )
    ev_pages.add_argument(
        "--subset",
        default="all",
        choices=["all", "even", "odd"],
        help="the half of the pages to score (by a hash of the file name)",
    )
    ev_pages.add_argument(
        "--details", action="store_true", help="also list each miss (for tuning on one half)"
    )
    ev_pages.set_defaults(handler=cmd_eval_pages)

    articles = sub.add_parser(
        "articles", help="what the pipeline makes of each input, as JSONL (no window or cap)"
    )
    articles.add_argument(
        "--source",
        action="append",
        dest="sources",
        required=True,
        metavar="PATH|URL",
        help="a file, folder, feed or page (repeatable)",
    )
    articles.add_argument("--output", required=True, type=Path, metavar="OUT.jsonl")
    articles.add_argument("--method", metavar="NAME", help="summarizer (default DIGEST_SUMMARIZER)")
    articles.set_defaults(handler=cmd_articles)

    bench = sub.add_parser("bench", help="speed at a given size: library, flow, SMTP, outbox")
    bench.add_argument("--articles", type=_positive, default=1000, metavar="N")
    bench.add_argument("--subscribers", type=_positive, default=10000, metavar="M")
    bench.add_argument(
        "--input",
        type=Path,
        default=Path("../shared/data/summaries-dev.jsonl"),
        metavar="FILE.jsonl",
        help="articles (id, text, optional title) to build N from, cycled with variations",
    )
    bench.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    bench.set_defaults(handler=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except DigestError as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("digest: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
