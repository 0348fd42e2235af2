"""How a messaging provider's HTTP error becomes an activity failure: retried or final."""

import httpx
from temporalio.exceptions import ApplicationError


def provider_error(response: httpx.Response, provider: str) -> Exception:
    """429 and 5xx are worth retrying (a plain error: Temporal retries with backoff); other statuses are final."""
    if response.status_code == httpx.codes.TOO_MANY_REQUESTS or response.status_code >= 500:
        return RuntimeError(f"{provider} answered {response.status_code}: will retry")
    return ApplicationError(
        f"{provider} refused the message: {response.status_code}", type="MessageRejected", non_retryable=True
    )
