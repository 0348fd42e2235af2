"""A Replayer with the worker's workflows and dialogue graph (a replay runs no activity)."""

from temporalio.converter import DataConverter
from temporalio.worker import Replayer

from tests.settings_for import TEST_CONVERTER
from worker import dialogue_plugin
from workflows.agenda import StaffAgendaWorkflow
from workflows.booking.workflow import BookingWorkflow
from workflows.conversation.workflow import ConversationWorkflow


def replayer(data_converter: DataConverter = TEST_CONVERTER) -> Replayer:
    return Replayer(
        workflows=[ConversationWorkflow, BookingWorkflow, StaffAgendaWorkflow],
        data_converter=data_converter,
        plugins=[dialogue_plugin()],
    )
