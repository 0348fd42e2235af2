"""Telling the salon's team: through the channel's own way (team conversation, the salon's phone), and when
the channel refuses, into the alert list of /admin. A workflow never fails for an alert."""

from dataclasses import dataclass

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.messaging.port import AlertTeamInput, MessagingPort
    from activities.messaging.team_alerts import RecordTeamAlertInput, TeamAlertList

from workflows import metrics
from workflows.options import DATABASE, MESSAGING, described
from workflows.refusals import Refusal, attempt


@dataclass(frozen=True)
class Team:
    business: str
    customer_phone: str

    async def tell(self, text: str, key: str, *, hand_over: bool = False, reason: str = "") -> None:
        """`reason` says why the team hears of it when that is a refusal already (kept with the alert)."""
        wf_id = workflow.info().workflow_id
        sent = await attempt(
            MessagingPort.alert_team,
            AlertTeamInput(self.business, self.customer_phone, text, key, wf_id, hand_over),
            described(MESSAGING, "avisa al equipo"),
        )
        if not isinstance(sent, Refusal) and not reason:
            return
        refusal = sent.reason if isinstance(sent, Refusal) else ""
        if refusal:
            metrics.alert_undelivered("admin")
        kept = await attempt(
            TeamAlertList.record_team_alert,
            RecordTeamAlertInput(
                self.business, self.customer_phone, text, "; ".join(filter(None, [reason, refusal])), key, wf_id
            ),
            described(DATABASE, "anota el aviso en /admin"),
        )
        if isinstance(kept, Refusal):
            # Nowhere left to put it: the log line and the metric are what an operator has.
            metrics.alert_undelivered("lost")
            # The text stays in the workflow's (encrypted) history: logs never carry what customers wrote.
            workflow.logger.error("team alert %s lost (%s); its text is in the workflow's history", key, kept.reason)
