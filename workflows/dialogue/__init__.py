"""The conversation's dialogue: a LangGraph graph; decisions run in the workflow, reads and requests as activities."""
