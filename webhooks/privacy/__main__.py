"""`python -m webhooks.privacy find +34600111222` lists a customer's workflows with their Web UI pages;
`python -m webhooks.privacy erase +34600111222 [--business SLUG]` erases the customer (webhooks/privacy/erase.py).
Both read the same settings as the API (DATABASE_URL, TEMPORAL_*, PAYLOAD_KEYS, PSEUDONYM_SECRET)."""

import argparse
import asyncio
import os
import sys
from datetime import timedelta

from models.runtime.db import create_engine, session_factory
from models.runtime.settings import get_settings
from models.runtime.temporal_client import connect_temporal
from webhooks.channels.customer_keys import typed_customer
from webhooks.privacy.customer_workflows import find_customer_workflows, records_of
from webhooks.privacy.erase import erase_customer, wait_until_gone

# Temporal deletes closed runs in the background; the dev server takes up to a minute.
DELETION_WAIT = timedelta(minutes=3)


async def run(command: str, customer: str, business: str | None) -> list[str]:
    settings = get_settings()
    engine = create_engine(settings.require_database_url())
    client = await connect_temporal(settings)
    sessions = session_factory(engine)
    try:
        if command == "erase":
            report = await erase_customer(client, settings, sessions, customer, business)
            # The operator is told when Temporal has really let go of every run, not only that it was asked.
            left = await wait_until_gone(client, report.runs_deleted, DELETION_WAIT)
            done = [f"Temporal aún guarda: {', '.join(left)} (vuelve a ejecutar erase)"] if left else []
            return report.lines() + done
        async with sessions() as session:
            records = await records_of(session, customer, business)
        found = await find_customer_workflows(client, settings, customer, business, records)
        return [f"{wf.workflow_id}\t{wf.status}\t{wf.link}" for wf in found] or [
            f"Ningún flujo de {customer} en Temporal."
        ]
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m webhooks.privacy", description=__doc__)
    parser.add_argument("command", choices=["find", "erase"])
    parser.add_argument("customer", type=typed_customer, help="the phone (+34…) or the channel key (chatwoot:123)")
    parser.add_argument("--business", help="only this business (its slug); default: every business")
    args = parser.parse_args()
    sys.stdout.write("\n".join(asyncio.run(run(args.command, args.customer, args.business))) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    # The work is done and printed: leave without the interpreter's finalization, where the Temporal SDK's
    # runtime thread sometimes aborts the process (RECIPES §1: rc 134, "PyGILState_Release"), turning a
    # completed erase into a failed exit code for whoever scripts it.
    os._exit(main())
