"""A Replayer with the worker's workflows and dialogue graph (whose activity nodes a replay never runs)."""

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from activities.availability import Availability
from activities.calendar_local import LocalCalendar
from activities.dialogue_nodes import DialogueNodes
from activities.understand import Understander
from models.db import session_factory
from worker import dialogue_plugin
from workflows.agenda import StaffAgendaWorkflow
from workflows.booking import BookingWorkflow
from workflows.conversation import ConversationWorkflow


def replayer(db: AsyncEngine) -> Replayer:
    sessions = session_factory(db)
    nodes = DialogueNodes(sessions, Understander(sessions), Availability(sessions, LocalCalendar()))
    return Replayer(
        workflows=[ConversationWorkflow, BookingWorkflow, StaffAgendaWorkflow],
        data_converter=pydantic_data_converter,
        plugins=[dialogue_plugin(nodes)],
    )
