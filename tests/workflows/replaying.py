"""A Replayer with the worker's workflows and dialogue graph (whose activity nodes a replay never runs)."""

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from activities.booking.availability import Availability
from activities.calendar.local import LocalCalendar
from activities.dialogue.nodes import DialogueNodes
from activities.understanding.understander import Understander
from models.runtime.db import session_factory
from worker import dialogue_plugin
from workflows.agenda import StaffAgendaWorkflow
from workflows.booking.workflow import BookingWorkflow
from workflows.conversation.workflow import ConversationWorkflow


def replayer(db: AsyncEngine) -> Replayer:
    sessions = session_factory(db)
    nodes = DialogueNodes(sessions, Understander(sessions), Availability(sessions, LocalCalendar()))
    return Replayer(
        workflows=[ConversationWorkflow, BookingWorkflow, StaffAgendaWorkflow],
        data_converter=pydantic_data_converter,
        plugins=[dialogue_plugin(nodes)],
    )
