"""The evaluation corpus through the rules understanding: the floor the README promises, a corpus that is what
FORMAT.md says, and a scorer that counts a wrong field as a miss."""

from activities.understanding.schema import Intent, Understanding
from tests.eval.__main__ import FLOOR, evaluate_rules, misses, table
from tests.eval.catalogs import salons
from tests.eval.corpus import SENT_ON, Case, load_corpus
from tests.eval.scoring import Report, observed

CASES = load_corpus()


def test_the_rules_understand_at_least_the_floor_of_the_corpus() -> None:
    report = evaluate_rules(CASES)
    assert report.accuracy >= FLOOR, misses(report)
    # Every intent is measured, and none is left mostly misunderstood behind a good average.
    assert set(report.by_intent) == set(Intent)
    worst = min(report.understood_by_intent[i] / n for i, n in report.by_intent.items())
    assert worst >= 0.6, table("rules", report)


def test_the_corpus_is_large_varied_and_names_only_its_business_words() -> None:
    assert len(CASES) >= 400
    assert len({case.text.lower() for case in CASES}) == len(CASES), "a message is in the corpus twice"
    for case in CASES:
        salon = salons()[case.business]
        assert set(case.expected["services"]) <= {s.name for s in salon.services}, case
        assert case.expected["staff"] in {None, *(m.name for m in salon.staff)}, case
        assert Intent(case.expected["intent"])
        assert case.expected["day"] is None or case.expected["day"] >= SENT_ON.isoformat(), case


def test_a_message_with_one_wrong_field_is_a_miss_counted_against_that_field() -> None:
    right = Understanding(intent=Intent.BOOKING, services=["Corte"])
    case = Case("t", 1, "quiero un corte", "atrevete", observed(right))
    wrong = Understanding(intent=Intent.BOOKING, services=["Corte"], time="17:00")
    report = Report()
    report.add(case, observed(right))
    report.add(case, observed(wrong))
    assert (report.understood, report.total) == (1, 2)
    assert [miss.wrong for miss in report.misses] == [["time"]]
    assert report.right_by_field["time"] == 1 and report.right_by_field["services"] == 2
