"""SQLModel tables and domain types; importing the package registers every table on the metadata."""

from models.admin_account import AdminAccount
from models.admin_session import AdminSession
from models.appointment import Appointment, AppointmentService
from models.business import Business, Faq, OpeningHours, Policy
from models.catalog import Pack, PackService, Service
from models.catalog_change import CatalogChange
from models.closure import Closure
from models.customer import Customer
from models.dead_letter import DeadLetter
from models.message import Message, ProcessedWebhookEvent
from models.staff import StaffMember
from models.staff_time import StaffHours, StaffTimeOff
from models.team_alert import TeamAlert
from models.waitlist import WaitlistEntry

__all__ = [
    "AdminAccount",
    "AdminSession",
    "Appointment",
    "AppointmentService",
    "Business",
    "CatalogChange",
    "Closure",
    "Customer",
    "DeadLetter",
    "Faq",
    "Message",
    "OpeningHours",
    "Pack",
    "PackService",
    "Policy",
    "ProcessedWebhookEvent",
    "Service",
    "StaffHours",
    "StaffMember",
    "StaffTimeOff",
    "TeamAlert",
    "WaitlistEntry",
]
