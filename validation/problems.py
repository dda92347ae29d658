"""What is wrong with source data: the file, row, column, value and rule, in Dutch for the people who fix it."""

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
