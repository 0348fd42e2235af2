"""`make eval` with ANTHROPIC_API_KEY: the corpus goes to Claude (here the local Messages fake) with each
business's own catalogue, aliases and FAQ keywords in the prompt, and is scored like the rules."""

import asyncio

import anthropic

from tests.eval.__main__ import evaluate_claude, table
from tests.eval.corpus import load_corpus
from tests.fakes.anthropic_api import running_messages_fake


def test_the_corpus_is_scored_on_claudes_answers_with_each_business_words() -> None:
    corpus = load_corpus()
    unclear = next(c for c in corpus if c.expected["intent"] == "unclear" and c.business == "atrevete")
    beard = next(c for c in corpus if c.business == "barberia-sol" and "Arreglo de barba" in c.expected["services"])
    with running_messages_fake() as fake:
        client = anthropic.AsyncAnthropic(api_key="test-key", base_url=fake.base_url, max_retries=0)
        # The fake answers "unclear" to everything: right for one message, wrong for the other.
        report = asyncio.run(evaluate_claude([unclear, beard], client, "claude-test"))
        systems = {request.json()["messages"][0]["content"]: request.json()["system"] for request in fake.requests}
    assert (report.understood, report.total) == (1, 2)
    assert [miss.case for miss in report.misses] == [beard]
    assert "Arreglo de barba (también: barba, barbita" in systems[beard.text]
    assert "Barbería Sol" in systems[beard.text] and "Atrévete" not in systems[beard.text]
    assert "parking (aparcar, aparco" in systems[unclear.text], "FAQ topics come with the business's keywords"
    assert "| unclear | 1 | 100% |" in table("Claude", report)
