"""The error a load raises when source data fails validation, naming every problem in Dutch."""

from validation.problems import Problem


class SourceError(Exception):
    """Raised when source data fails validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems[:50])
        more = f"\n… en nog {len(problems) - 50} problemen" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} probleem/problemen in de brondata:\n{lines}{more}")
