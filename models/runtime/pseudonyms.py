"""What Temporal knows a customer by: a keyed hash of their customer key (E.164 phone or channel id), the same in
every business, so an operator with the secret finds all of a person's workflows and nobody without it can list
phone numbers from workflow ids, search attributes or Temporal's logs."""

import hashlib
import hmac

from models.runtime.settings import Settings

PSEUDONYM_HEX_CHARS = 32


def customer_pseudonym(settings: Settings, customer: str) -> str:
    digest = hmac.new(settings.pseudonym_secret.get_secret_value().encode(), customer.encode(), hashlib.sha256)
    return "c" + digest.hexdigest()[:PSEUDONYM_HEX_CHARS]
