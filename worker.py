"""Runs the Temporal worker: every workflow and activity of citaflow on one task queue."""

import asyncio
import logging
import signal
from collections.abc import Sequence

import anthropic
import stripe
from google.oauth2 import service_account
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from stripe._base_address import BaseAddresses  # the SDK exports only the module-private name
from temporalio.client import Client
from temporalio.common import VersioningBehavior
from temporalio.langgraph import LangGraphPlugin
from temporalio.worker import Interceptor, Worker, WorkerDeploymentConfig, WorkerDeploymentVersion
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from activities.agenda import AgendaBuilder
from activities.booking.availability import Availability
from activities.booking.context import BookingContextLoader
from activities.booking.store import BookingStore
from activities.booking.waitlist import Waitlist
from activities.calendar.google import GoogleCalendar, calendar_ids_from_db
from activities.calendar.local import LocalCalendar
from activities.dialogue.customers import CustomerLookup
from activities.dialogue.nodes import DialogueNodes
from activities.dialogue.turn_start import TurnStart
from activities.messaging.archive import MessageArchive
from activities.messaging.chatwoot import ChatwootApi, ChatwootChannel
from activities.messaging.console import ConsoleChannel
from activities.messaging.port import MessagePurpose
from activities.messaging.replies import TurnReplies
from activities.messaging.team_alerts import TeamAlertList
from activities.messaging.whatsapp import GraphApi, WhatsAppCloudChannel
from activities.payments.accounts import accounts_from_db
from activities.payments.simulated import SimulatedPayments
from activities.payments.stripe import StripePayments
from activities.schedules import ensure_agenda_schedules
from activities.understanding.understander import ClaudeConfig, Understander
from models.runtime.db import create_engine, session_factory
from models.runtime.logs import configure_logging
from models.runtime.settings import Settings, get_settings
from models.runtime.temporal_client import connect_temporal, process_runtime
from workflows.agenda import StaffAgendaWorkflow
from workflows.booking.refund_retry import RefundRetryWorkflow
from workflows.booking.stray_payment import StrayPaymentWorkflow
from workflows.booking.workflow import BookingWorkflow
from workflows.conversation.workflow import ConversationWorkflow
from workflows.dialogue.graph import GRAPH_NAME, build_dialogue_graph

log = logging.getLogger("citaflow.worker")
CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar"
CLAUDE_TIMEOUT_SECONDS = 20.0

# Our models are deterministic and heavy to re-import for every workflow run (SQLModel metadata): imported
# once, outside the sandbox.
PASSTHROUGH_MODULES = ("models",)


def calendar_adapter(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> LocalCalendar | GoogleCalendar:
    """Google Calendar when configured; otherwise the appointments and closures tables are the calendar."""
    if settings.calendar_backend == "google" and settings.google_service_account_file is not None:
        credentials = service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
            str(settings.google_service_account_file), scopes=[CALENDAR_SCOPE]
        )
        return GoogleCalendar(
            credentials=credentials,
            calendar_ids=calendar_ids_from_db(sessions),
            api_endpoint=settings.google_calendar_api_endpoint,
        )
    return LocalCalendar()


def claude_config(settings: Settings) -> ClaudeConfig | None:
    if settings.understanding_backend != "anthropic" or settings.anthropic_api_key is None:
        return None
    # Temporal's retry policy is the one place that retries, so the SDK does not.
    client = anthropic.AsyncAnthropic(
        api_key=settings.anthropic_api_key.get_secret_value(),
        base_url=settings.anthropic_base_url,
        max_retries=0,
        timeout=CLAUDE_TIMEOUT_SECONDS,
    )
    return ClaudeConfig(client, settings.anthropic_model)


def messaging_adapter(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> ConsoleChannel | WhatsAppCloudChannel | ChatwootChannel:
    """WhatsApp Cloud or Chatwoot when configured; otherwise the console, whose replies the demo chat shows."""
    if settings.messaging_backend == "chatwoot":
        assert settings.chatwoot_api_base and settings.chatwoot_account_id and settings.chatwoot_api_token
        return ChatwootChannel(
            sessions,
            ChatwootApi(
                base_url=settings.chatwoot_api_base,
                account_id=settings.chatwoot_account_id,
                api_token=settings.chatwoot_api_token.get_secret_value(),
                team_conversation_id=settings.chatwoot_team_conversation_id,
            ),
        )
    if settings.messaging_backend == "whatsapp_cloud":
        return WhatsAppCloudChannel(sessions, graph_api(settings))
    return ConsoleChannel(sessions)


def graph_api(settings: Settings) -> GraphApi:
    assert settings.whatsapp_access_token is not None and settings.whatsapp_phone_number_id is not None
    return GraphApi(
        base_url=settings.whatsapp_api_base,
        phone_number_id=settings.whatsapp_phone_number_id,
        access_token=settings.whatsapp_access_token.get_secret_value(),
        templates={
            MessagePurpose.REPLY: settings.whatsapp_template_reply,
            MessagePurpose.REMINDER: settings.whatsapp_template_reminder,
            MessagePurpose.STAFF_NOTICE: settings.whatsapp_template_staff_notice,
            MessagePurpose.AGENDA: settings.whatsapp_template_agenda,
        },
        template_language=settings.whatsapp_template_language,
    )


def payment_adapter(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> SimulatedPayments | StripePayments:
    """Stripe when configured; otherwise the simulated pay page, which goes through the same webhook."""
    if settings.payments_backend == "stripe" and settings.stripe_secret_key is not None:
        addresses: BaseAddresses = {"api": settings.stripe_api_base} if settings.stripe_api_base else {}
        # Temporal's retry policy is the one place that retries, so the SDK does not.
        client = stripe.StripeClient(
            settings.stripe_secret_key.get_secret_value(), base_addresses=addresses, max_network_retries=0
        )
        return StripePayments(client, public_base_url=settings.public_base_url, accounts=accounts_from_db(sessions))
    return SimulatedPayments(public_base_url=settings.public_base_url, secret=settings.stripe_webhook_secret)


def dialogue_plugin() -> LangGraphPlugin:
    """Runs the dialogue graph inside the conversation workflow; its I/O nodes schedule the activities below."""
    return LangGraphPlugin(graphs={GRAPH_NAME: build_dialogue_graph()})


def deployment(settings: Settings) -> WorkerDeploymentConfig | None:
    """This worker as a version of the deployment, when it has a build id. Pinned by default: a run finishes on
    the code it started with; a conversation moves to the current build at its next continue-as-new. Set here, not
    on each workflow: an unversioned worker (tests, development) refuses a workflow that names a behaviour."""
    if settings.worker_build_id is None:
        return None
    return WorkerDeploymentConfig(
        version=WorkerDeploymentVersion(settings.worker_deployment_name, settings.worker_build_id),
        use_worker_versioning=True,
        default_versioning_behavior=VersioningBehavior.PINNED,
    )


def build_worker(
    client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    interceptors: Sequence[Interceptor] = (),
) -> Worker:
    """The one place that lists workflows and activities, used by production and tests alike (the fault
    tests add interceptors that cut our own activities where a crash or a slow commit would)."""
    archive = MessageArchive(sessions)
    channel = messaging_adapter(settings, sessions)
    store = BookingStore(sessions)
    context = BookingContextLoader(sessions)
    calendar = calendar_adapter(settings, sessions)
    availability = Availability(sessions, calendar)
    agenda = AgendaBuilder(sessions)
    understander = Understander(sessions, claude_config(settings))
    payments = payment_adapter(settings, sessions)
    alerts = TeamAlertList(sessions)
    waitlist = Waitlist(sessions)
    nodes = DialogueNodes(sessions, understander, availability)
    customers = CustomerLookup(sessions)
    replies = TurnReplies(channel, archive)
    turn_start = TurnStart(archive, customers, understander)
    return Worker(
        client,
        task_queue=settings.task_queue,
        deployment_config=deployment(settings),
        max_cached_workflows=settings.worker_max_cached_workflows,
        max_concurrent_workflow_tasks=settings.worker_max_concurrent_workflow_tasks,
        interceptors=interceptors,
        plugins=[dialogue_plugin()],
        workflows=[
            ConversationWorkflow,
            BookingWorkflow,
            StaffAgendaWorkflow,
            StrayPaymentWorkflow,
            RefundRetryWorkflow,
        ],
        workflow_runner=SandboxedWorkflowRunner(
            restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH_MODULES)
        ),
        activities=[
            turn_start.begin_turn,
            customers.payment_views,
            archive.mark_message_answered,
            replies.send_replies,
            nodes.understand,
            nodes.summarize,
            nodes.search_slots,
            nodes.faq,
            nodes.save_customer,
            nodes.join_waitlist,
            nodes.start_booking,
            nodes.cancel_booking,
            nodes.reschedule_booking,
            nodes.confirm_attendance,
            alerts.record_team_alert,
            channel.send_message,
            channel.alert_team,
            context.load_booking_context,
            store.hold_appointments,
            store.move_appointments,
            store.update_appointments,
            store.confirm_appointments,
            calendar.create_calendar_event,
            calendar.update_calendar_event,
            calendar.delete_calendar_event,
            payments.create_deposit_link,
            payments.expire_deposit_link,
            payments.refund_deposit,
            agenda.build_day_agendas,
            waitlist.offer_freed_slot,
        ],
    )


async def main() -> None:
    settings = get_settings()
    configure_logging(settings)
    settings.worker_deployment_ready()
    engine = create_engine(settings.require_database_url())
    client = await connect_temporal(settings, runtime=process_runtime(settings))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        sessions = session_factory(engine)
        await ensure_agenda_schedules(client, sessions, settings.task_queue)
        worker = build_worker(client, settings, sessions)
        async with worker:
            log.info(
                "worker polling task queue %s on %s (build %s)",
                settings.task_queue,
                settings.temporal_address,
                settings.worker_build_id or "unversioned",
            )
            await stop.wait()
            log.info("stopping: finishing in-flight tasks")
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
