"""The turn of conversations started before the dialogue graph: a greeting only. Kept, behind
`workflow.patched("dialogue-graph")`, so their recorded histories replay; remove once none is running."""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.customers import CustomerDirectory, LoadCustomerInput

from workflows.conversation_types import ConversationInput, InboundMessage
from workflows.dialogue import texts
from workflows.options import DATABASE, described


async def greeting_before_the_graph(input: ConversationInput, message: InboundMessage) -> str | None:
    """Maite's greeting for this phone, or None for a customer who opted out."""
    customer = await workflow.execute_activity_method(
        CustomerDirectory.load_customer_context,
        LoadCustomerInput(input.business, input.phone),
        **described(DATABASE, "identifica al cliente"),
    )
    if customer.opted_out:
        return None
    if customer.known and customer.first_name:
        return texts.greeting_returning_customer(assistant=customer.assistant_name, first_name=customer.first_name)
    return texts.greeting_new_customer(
        assistant=customer.assistant_name, business=customer.business_name, profile_name=message.profile_name
    )
