"""A conversation and a paid booking leave no phone number, name or message text readable in Temporal: not in
the stored histories, the workflow ids, the search attributes or the summaries. The codec server reads them."""

import base64

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.sdk.v1 import WorkflowMetadata
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.runtime.payload_codec import ENCODING
from models.runtime.pseudonyms import customer_pseudonym
from models.runtime.settings import Settings
from tests.privacy.history_payloads import payloads_in, stored_history
from tests.scenarios.chat import Chat, book_and_pay, booking_id_in, weekday_ahead
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows import booking_workflow_id

NAME = "Eulalia"


async def test_a_paid_booking_leaves_nothing_personal_readable_in_temporal(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
    settings: Settings,
) -> None:
    await customer(db, phone, NAME)
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 5)
    request = f"hola! quería pedir cita para un tinte {day} a las 12, gracias"
    link = await book_and_pay(chat, request)
    workflows = [conversation_of("atrevete", phone), booking_workflow_id(booking_id_in(link))]

    digits = phone.removeprefix("+")
    for workflow_id in workflows:
        assert digits not in workflow_id
        description = await temporal_client.get_workflow_handle(workflow_id).describe()
        visible = description.raw_description.SerializeToString()
        history = await stored_history(temporal_client, workflow_id)
        stored = history.SerializeToString()
        for secret in (digits, NAME, request, "tinte " + day):
            assert secret.encode() not in visible, f"{secret!r} readable in {workflow_id}'s description"
            assert secret.encode() not in stored, f"{secret!r} readable in {workflow_id}'s stored history"
        # What an operator reads in the Web UI once decrypted: summaries name the booking or the first name.
        summaries = [e.user_metadata.summary for e in history.events if e.user_metadata.HasField("summary")]
        metadata = await temporal_client.get_workflow_handle(workflow_id).query(
            "__temporal_workflow_metadata", result_type=WorkflowMetadata
        )
        readable = [await description.static_summary() or "", metadata.current_details]
        readable += await temporal_client.data_converter.decode(summaries, [str] * len(summaries))
        assert not [s for s in readable if digits in s], f"{workflow_id}'s summaries name the phone"
        assert not [s for s in readable if "staff-notice" in s], "the stylist is named, not an internal id"
        payloads = payloads_in(history)
        assert payloads and all(base64.b64decode(p["metadata"]["encoding"]) == ENCODING for p in payloads), (
            "every payload of the history is encrypted"
        )
    booking = await stored_history(temporal_client, workflows[1])
    summaries = [e.user_metadata.summary for e in booking.events if e.user_metadata.HasField("summary")]
    said = await temporal_client.data_converter.decode(summaries, [str] * len(summaries))
    assert [s for s in said if s.startswith("aviso a ")], said
    conversation = await temporal_client.get_workflow_handle(workflows[0]).describe()
    assert conversation.search_attributes["CustomerPseudonym"] == [customer_pseudonym(settings, phone)]

    # The operator's view: the Web UI sends the same payloads to the codec server and reads them.
    history = await stored_history(temporal_client, workflows[0])
    decoded = await api.post("/codec/decode", json={"payloads": payloads_in(history)})
    assert decoded.status_code == 200, decoded.text
    plain = b"".join(base64.b64decode(p.get("data", "")) for p in decoded.json()["payloads"]).decode()
    assert request in plain and phone in plain and NAME in plain
