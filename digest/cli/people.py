"""Commands about recipients: ``ledger`` (who got which day's digest) and ``subscribers``."""

from __future__ import annotations

import argparse
import sys

from digest.errors import ConfigError


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
