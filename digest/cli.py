"""The ``digest`` command: a thin CLI over the library.

Every :class:`digest.errors.DigestError` becomes one line on stderr (``digest: error: ...``)
and exit status 1; argument mistakes exit 2 as usual with argparse.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from digest import __version__
from digest.errors import ConfigError, DigestError


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-29") from exc


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


def _article_options(method: str | None = None) -> Any:
    from digest.pipeline.articles import ArticleOptions
    from digest.settings import load_settings

    settings = load_settings()
    return settings, ArticleOptions(
        method=method or settings.summarizer,
        sentences=settings.summary_sentences,
        max_words=settings.summary_max_words,
        max_quotes=settings.max_quotes,
        teaser_words=settings.teaser_words,
        max_feed_entries=settings.max_feed_entries,
        max_article_chars=settings.max_article_chars,
        timezone=settings.timezone,
    )


def cmd_articles(args: argparse.Namespace) -> int:
    from digest.pipeline.articles import article_records
    from digest.pipeline.stages import make_fetcher

    settings, options = _article_options(args.method)
    with make_fetcher(settings, None) as fetcher:
        rows = article_records(args.sources, options, fetcher)
    write_jsonl(args.output, rows)
    ok = sum(row["status"] == "ok" for row in rows)
    print(f"{len(rows)} record(s), {ok} ok, {len(rows) - ok} not -> {args.output}")
    return 0


def cmd_eval_pages(args: argparse.Namespace) -> int:
    from digest.evaluation.pages import evaluate_pages, load_pages

    _, options = _article_options()
    rows = load_pages(args.input, args.subset)
    print(f"{len(rows)} pages from {args.input} (subset {args.subset})")
    for line in evaluate_pages(args.input, rows, options).lines(args.details):
        print(line)
    return 0


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def cmd_run(args: argparse.Namespace) -> int:
    from digest.settings import load_settings

    # Fail fast on bad settings, before Prefect starts.
    settings = load_settings(
        sources=args.sources,
        outbox=args.outbox,
        delivery=args.delivery,
        max_items=args.max_items,
        summarizer=args.method,
    )
    from digest.state import check_database, ensure_state_dir

    check_database(ensure_state_dir(settings.state_dir) / "state.db")  # before Prefect starts
    from flows.serve import daily_flow

    with prefect_errors():
        report = daily_flow(settings)(
            sources=args.sources,
            outbox=args.outbox,
            date=args.date,
            delivery=args.delivery,
            max_items=args.max_items,
            summarizer=args.method,
            dry_run=args.dry_run,
            force=args.force,
        )
    for line in report.lines():
        print(line)
    return 0


@contextmanager
def prefect_errors() -> Iterator[None]:
    """Prefect's API failing (its temporary server not starting in time, a request timing out,
    no server at PREFECT_API_URL) as one line saying what to do."""
    import httpx

    hint = (
        "the machine may be busy: run again, raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
        " / PREFECT_API_REQUEST_TIMEOUT (pyproject [tool.prefect]), or start `prefect server "
        "start` and set PREFECT_API_URL"
    )
    try:
        yield
    except RuntimeError as exc:
        if "Prefect API server" not in str(exc):
            raise
        raise ConfigError(f"Prefect's temporary API server did not start in time; {hint}") from exc
    except httpx.HTTPError as exc:
        raise ConfigError(
            f"the Prefect API did not answer ({type(exc).__name__}: {exc}); {hint}"
        ) from exc


def cmd_ledger(args: argparse.Namespace) -> int:
    from digest.delivery.ledger import Ledger
    from digest.settings import load_settings
    from digest.state import StateStore, run_lock

    settings = load_settings()
    ledger = Ledger(StateStore(settings.state_dir))
    if args.action == "list":
        entries = ledger.entries(args.newsletter, args.date, args.state)
        for entry in entries:
            print(entry.line())
        print(f"{len(entries)} row(s) in {settings.state_dir / 'state.db'}")
        return 0
    newsletter = args.newsletter or settings.newsletter_name
    with run_lock(settings.state_dir):  # not while a run is sending
        if args.action == "resend":
            chosen = ledger.resend(newsletter, args.date, args.recipients)
            for entry in chosen:
                print(f"will resend: {entry.recipient} (was {entry.state})")
            print(f"{len(chosen)} recipient(s) marked; `digest run --date {args.date}` sends them")
        else:
            count = ledger.forget(newsletter, args.date, args.recipients)
            print(f"forgot {count} row(s) of {newsletter} {args.date}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from digest.settings import load_settings
    from flows.serve import serve_daily

    settings = load_settings()
    if args.web:
        from flows.serve import serve_with_web

        serve_with_web(settings)
    else:
        serve_daily(settings)
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    import uvicorn

    from digest.settings import load_settings
    from digest.web import create_app

    settings = load_settings(web_host=args.host, web_port=args.port)
    app = create_app(settings)
    print(f"web app on http://{settings.web_host}:{settings.web_port}/ (Ctrl-C to stop)")
    uvicorn.run(
        app, host=settings.web_host, port=settings.web_port, log_level="warning", access_log=False
    )
    return 0


def cmd_subscribers(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from digest.delivery.store import SubscriberStore
    from digest.delivery.subscribers import EXPORT_COLUMNS, export_rows, load_subscribers
    from digest.settings import load_settings

    store = SubscriberStore(load_settings().state_dir)
    if args.action == "import":
        people, problems = load_subscribers(args.file)
        for problem in problems:
            print(f"skipped {problem}", file=sys.stderr)
        report = store.import_subscribers(people, f"csv:{args.file.name}")
        for email, why in report.kept_out:
            print(f"kept out {email}: {why}")
        print(f"imported {args.file}: {report}")
    elif args.action == "list":
        rows = store.all(args.status)
        for row in rows:
            print(
                f"{row.email}\t{row.status}\t{row.name or ''}\t{row.source}\t{row.consent_at or ''}"
            )
        print(f"{len(rows)} subscriber(s)", file=sys.stderr)
    elif args.action == "export":
        table = [
            {**person.fields, **{k: v for k, v in asdict(person).items() if k in EXPORT_COLUMNS}}
            for person in store.all()
        ]
        if args.output:
            try:
                with args.output.open("w", encoding="utf-8", newline="") as handle:
                    count = export_rows(table, handle)
            except OSError as exc:
                raise ConfigError(f"cannot write {args.output} ({exc.strerror})") from exc
            print(f"exported {count} subscriber(s) -> {args.output}")
        else:
            export_rows(table, sys.stdout)
    else:
        missing = [email for email in args.emails if not store.set_status(email, "unsubscribed")]
        for email in missing:
            print(f"not in the store: {email}", file=sys.stderr)
        print(f"unsubscribed {len(args.emails) - len(missing)} address(es)")
        return 1 if missing else 0
    return 0


def cmd_summarize(args: argparse.Namespace) -> int:
    from digest.settings import load_settings
    from digest.summaries.summarizer import ArticleSummarizer

    settings = load_settings()
    summarizer = ArticleSummarizer(
        args.method or settings.summarizer,
        args.sentences or settings.summary_sentences,
        settings.summary_max_words,
    )
    rows = [
        {"id": row["id"], "summary": summarizer.sentences(row["text"], row.get("title") or "")}
        for row in read_jsonl(args.input)
    ]
    write_jsonl(args.output, rows)
    print(f"summarized {len(rows)} article(s) with {summarizer.method} -> {args.output}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from digest.quotes.extract import extract_quotes
    from digest.quotes.keyquotes import mark_key_quotes
    from digest.text.clean import repair_text

    rows = []
    for row in read_jsonl(args.input):
        text = repair_text(row["text"])
        rows.append(
            {
                "id": row["id"],
                "quotes": [
                    {
                        "quote": q.text,
                        "speaker": q.speaker,
                        "key": q.key,
                        "role": q.role,
                        "confidence": q.confidence,
                    }
                    for q in mark_key_quotes(extract_quotes(text), article_text=text)
                ],
            }
        )
    write_jsonl(args.output, rows)
    found = sum(len(row["quotes"]) for row in rows)
    print(f"found {found} quote(s) in {len(rows)} article(s) -> {args.output}")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    from digest.newsletter.preview import latest_digest, preview
    from digest.settings import load_settings

    outbox = args.outbox or load_settings().outbox
    print(f"HTML preview: {latest_digest(outbox)}")
    for path in preview(outbox, args.output):
        print(f"screenshot: {path}")
    return 0


def cmd_smtp_sink(args: argparse.Namespace) -> int:
    import signal
    import threading

    from digest.delivery.sink import start_sink

    try:
        controller = start_sink(args.maildir, args.host, args.port)
    except (OSError, RuntimeError) as exc:
        message = f"cannot listen on {args.host}:{args.port} ({exc}); try another --port"
        raise ConfigError(message) from exc
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(
        f"SMTP sink on {args.host}:{args.port}, storing mail in {args.maildir}/ (Ctrl-C to stop)",
        flush=True,
    )
    print(
        f"try: DIGEST_DELIVERY=smtp DIGEST_SMTP_HOST={args.host} DIGEST_SMTP_PORT={args.port} "
        "DIGEST_SMTP_SECURITY=none digest run",
        flush=True,
    )
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    print(f"stopped; {controller.handler.count} message(s) received", flush=True)
    return 0


def cmd_eval_summaries(args: argparse.Namespace) -> int:
    from digest.evaluation import evaluate_summaries, format_summary_table, subset
    from digest.settings import load_settings

    settings = load_settings()
    rows = subset(read_jsonl(args.input), args.subset)
    methods = [m for value in args.methods for m in value.split(",") if m]  # "lead,digest" too
    if methods == ["all"]:
        from digest.summaries.summarizer import METHODS

        methods = list(METHODS)
    scores = evaluate_summaries(rows, methods, args.sentences, settings.summary_max_words)
    print(format_summary_table(scores))
    return 0


def cmd_eval_quotes(args: argparse.Namespace) -> int:
    from digest.evaluation import evaluate_quotes, subset

    rows = subset(read_jsonl(args.input), args.subset)
    print(f"{len(rows)} articles from {args.input}")
    score = evaluate_quotes(rows)
    print(score)
    if args.show_disagreements > 0:
        import random

        found = score.disagreements
        sample = random.Random(args.seed).sample(found, min(args.show_disagreements, len(found)))
        print(f"\n{len(sample)} of {len(found)} speaker disagreements (seed {args.seed}):")
        for number, item in enumerate(sample, 1):
            print(f"\n{number}. {item}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from digest.evaluation.bench import format_report, run_bench

    def progress(line: str) -> None:
        if not args.json:
            print(f"bench: {line}", file=sys.stderr, flush=True)

    figures = run_bench(args.input, args.articles, args.subscribers, progress)
    print(json.dumps(figures) if args.json else format_report(figures))
    return 0


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects with ``id`` and ``text``, one per line; a bad line is an error naming it."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path} ({exc.strerror}); check --input") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
                raise ConfigError(f"{path}:{number}: each line needs an 'id' and a 'text' string")
            yield row


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    from digest.delivery.outbox import atomic_write

    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    try:
        atomic_write(path, data.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write {path} ({exc.strerror}); check --output") from exc


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
