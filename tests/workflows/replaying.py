"""A Replayer with the worker's workflows and dialogue graph (whose activity nodes a replay never runs)."""

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.converter import DataConverter
from temporalio.worker import Replayer

from activities.booking.availability import Availability
from activities.calendar.local import LocalCalendar
from activities.dialogue.nodes import DialogueNodes
from activities.understanding.understander import Understander
from models.runtime.db import session_factory
from tests.settings_for import TEST_CONVERTER
from worker import dialogue_plugin
from workflows.agenda import StaffAgendaWorkflow
from workflows.booking.workflow import BookingWorkflow
from workflows.conversation.workflow import ConversationWorkflow


def replayer(db: AsyncEngine, data_converter: DataConverter = TEST_CONVERTER) -> Replayer:
    sessions = session_factory(db)
    nodes = DialogueNodes(sessions, Understander(sessions), Availability(sessions, LocalCalendar()))
    return Replayer(
        workflows=[ConversationWorkflow, BookingWorkflow, StaffAgendaWorkflow],
        data_converter=data_converter,
        plugins=[dialogue_plugin(nodes)],
    )
