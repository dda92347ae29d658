"""Load problems that name the file, row, column and rule, in Dutch for the people who fix the data."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None  # line in the file as a spreadsheet shows it (header = 1)
    column: str | None
    value: object
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", rij {self.line}"
        if self.column:
            where += f", kolom '{self.column}'"
        shown = "" if self.value is None else f" (waarde: {self.value!r})"
        return f"{where}: {self.rule}{shown}"


class SourceError(Exception):
    """Raised when source data fails validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems[:50])
        more = f"\n… en nog {len(problems) - 50} problemen" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} probleem/problemen in de brondata:\n{lines}{more}")
