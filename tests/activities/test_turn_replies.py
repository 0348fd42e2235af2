"""A turn's replies in one activity, against the Graph API fake: a retry (its first completion lost) sends each
reply once and marks the message answered once; a refusal mid-way returns what went unsent and marks nothing."""

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from activities.messaging.archive import MessageArchive
from activities.messaging.replies import SendRepliesInput, TurnReplies
from models import Message
from models.enums import Direction
from models.runtime.db import session_factory
from tests.activities.test_whatsapp_channel import _channel, _customer_wrote
from tests.fakes.whatsapp_graph_api import GraphApiFake, graph_error

TEXTS = ["¡Hola! Soy Maite 🌸", "Estamos en Calle de Fuencarral 45", "¿Algo más?"]


def _replies(db: AsyncEngine, graph: GraphApiFake) -> TurnReplies:
    return TurnReplies(_channel(db, graph), MessageArchive(session_factory(db)))


def _input(phone: str) -> SendRepliesInput:
    keys = [f"conv:reply:wamid.in:{n}" for n in range(len(TEXTS))]
    return SendRepliesInput("atrevete", phone, "conversation:atrevete:x", TEXTS, keys, answers=f"wamid.in-{phone}")


async def _answered(db: AsyncEngine, phone: str) -> bool:
    async with AsyncSession(db) as session:
        row = (
            await session.execute(
                select(Message).where(
                    Message.external_id == f"wamid.in-{phone}", Message.direction == Direction.INBOUND
                )
            )
        ).scalar_one()
        return row.answered_at is not None


async def test_a_retried_batch_sends_each_reply_once_and_marks_the_message_answered(
    db: AsyncEngine, graph: GraphApiFake, phone: str
) -> None:
    await _customer_wrote(db, phone)
    replies = _replies(db, graph)
    first = await replies.send_replies(_input(phone))
    again = await replies.send_replies(_input(phone))  # the first completion lost: Temporal runs it again
    assert first.refused_at is None and again.refused_at is None
    assert [graph.read(body) for body in graph.sent()] == TEXTS, "each reply once, in order"
    assert await _answered(db, phone)


async def test_a_refusal_midway_returns_what_went_unsent_and_marks_nothing(
    db: AsyncEngine, graph: GraphApiFake, phone: str
) -> None:
    await _customer_wrote(db, phone)
    graph.refuse(lambda r: "Fuencarral" in str(r.json()), 400, graph_error(131026, "Message undeliverable"))
    sent = await _replies(db, graph).send_replies(_input(phone))
    assert (sent.refused_at, sent.unsent) == (1, TEXTS[1:])
    assert "131026" in sent.reason or "400" in sent.reason
    assert [graph.read(body) for body in graph.sent()] == TEXTS[:1]
    assert not await _answered(db, phone), "a message whose replies did not all go is marked by the workflow"
