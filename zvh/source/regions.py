"""The regions, one per Zorg- en Veiligheidshuis, as reference/regio.csv and organisatie.csv give them.

Nothing else names a region: a new ZVH joins with rows in those files (and its municipalities, populations,
documents and figures), never with code.
"""

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class Regions:
    names: dict[str, str]  # region → its name as users know it ("Fryslân"), in the order pages show them
    organisations: dict[str, str]  # region → the organisation that delivers its figures today
    spellings: dict[str, str]  # any accepted spelling, normalised → region

    def find(self, text: str) -> str | None:
        """The region `text` names: its code, its name or another spelling, in any case and with or without accents."""
        return self.spellings.get(normalised(text))


def read(data_dir: Path) -> Regions:
    reference = data_dir / "reference"
    regio = pl.read_csv(reference / "regio.csv", infer_schema=False).sort(pl.col("volgorde").cast(pl.Int64))
    current = pl.read_csv(reference / "organisatie.csv", infer_schema=False).filter(pl.col("geldig_tot").is_null())
    spellings = {}
    for row in regio.iter_rows(named=True):
        for spelling in [row["region"], row["naam"], *(row["andere_namen"] or "").split(";")]:
            if spelling.strip():
                spellings[normalised(spelling)] = row["region"]
    return Regions(dict(zip(regio["region"], regio["naam"])), dict(zip(current["region"], current["organisation"])),
                   spellings)


def normalised(text: str) -> str:
    """Lower case without accents or surrounding spaces: "Fryslân " and "fryslan" are one spelling."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
