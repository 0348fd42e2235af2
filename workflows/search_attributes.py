"""Custom search attributes: how an operator finds a conversation or booking in the Temporal Web UI."""

from temporalio.common import SearchAttributeKey

BUSINESS = SearchAttributeKey.for_keyword("Business")
# The customer's pseudonym, never the phone: `python -m webhooks.privacy find +34…` computes it.
CUSTOMER = SearchAttributeKey.for_keyword("CustomerPseudonym")
CONVERSATION_STATE = SearchAttributeKey.for_keyword("ConversationState")
BOOKING_STATUS = SearchAttributeKey.for_keyword("BookingStatus")
STAFF_MEMBER = SearchAttributeKey.for_keyword_list("StaffMember")  # a group booking has several
# "StartTime" is a reserved system attribute (when the workflow started): the appointment gets its own name.
START_TIME = SearchAttributeKey.for_datetime("AppointmentStart")

ALL = (BUSINESS, CUSTOMER, CONVERSATION_STATE, BOOKING_STATUS, STAFF_MEMBER, START_TIME)
