"""Build the database at the whole field's scale: 25 regions, every year the contract allows, every municipality.

Run by hand: `uv run python bench/field_bench.py [--keep DIR] [--profile]`. Target: the build under 30 s on the
2-core machine.

A copy of data/ (without its database) is joined, as data only and the way tests/fixtures/testland joins, by 23
fictitious regions of 15–20 fictitious municipalities each (codes GM5000 and up: no CBS codes). Then every region,
the two real ones with their real municipalities, gets one generated annual report per year from 2010 (the first
year validation allows) to 2025, except the years a real report already covers, so that real figures stay as printed
and preferred. Each generated report is a file per fact table, with the contract's columns and provenance:

- kerncijfers: every counted metric of metrics.csv per municipality, plus "Onbekend" and the printed total (a sum
  group); the total of a flow (soort `stroom`) also for the year before, and every percentage for both years;
- verdelingen: referrers and age groups adding up to exactly 100, for both years;
- financien: begroting, realisatie and verschil of lasten and baten (sum groups), the resultaat, and a free reserve
  whose stand rolls forward with the resultaat;
- personeel: persons and fte per function and their total (a sum group on both).

Values are pseudo-random but deterministic (seeded per region, year and figure): a figure that two reports print is
the same in both, every sum adds up, and the build records no finding for the generated data. That is about 1000×
today's fact rows.

`--keep DIR` leaves the data folder and its database in DIR (a new or empty folder outside the repository): point the
app or another benchmark at them with `ZVH_DATA=DIR/data ZVH_DB=DIR/data/zvh.duckdb`. `--profile` builds a second
time under cProfile and prints where that build's time goes.
"""

import argparse
import cProfile
import csv
import math
import pstats
import random
import resource
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from validation.common import FIRST_YEAR
from validation.financien import Financien
from validation.kerncijfers import Kerncijfers
from validation.personeel import Personeel
from validation.verdelingen import Verdelingen
from zvh.paths import DATA, ROOT
from zvh.store.build import FACT_TABLES, build

TARGET_SECONDS = 30.0
SEED = "zvh-field-bench"
YEARS = range(FIRST_YEAR, 2026)  # 2010–2025: validation refuses earlier years, and 2026 is not over yet
GENERATED = "Gegenereerd door bench/field_bench.py (fictief)"
REGION_NAMES = [
    "Aalsterland", "Beemstreek", "Dorrewaard", "Eikenveld", "Gorsland", "Hamerwold", "IJzerdal", "Kempelaar",
    "Lindemeer", "Marsveen", "Nieuwmark", "Oevermond", "Polderrijk", "Quarlestreek", "Rietland", "Stroomdal",
    "Terpenland", "Uiterwaard", "Veenkust", "Wadderzand", "Ypestreek", "Zandmeren", "Zuiderheide",
]
NAME_STARTS = ["Aal", "Berk", "Dal", "Eem", "Elst", "Fluit", "Gaast", "Harm", "Hol", "Ilp", "Kol", "Kors", "Lin",
               "Lut", "Mars", "Mol", "Nij", "Oud", "Ros", "Sleen", "Ter", "Tuin", "Vals", "Wed", "Wier", "Zand"]
NAME_ENDS = ["beek", "dijk", "veen", "wolde", "horst", "dam", "hoven", "burg", "rode", "meer", "zijl", "ward", "loo",
             "sum", "hem", "ingen", "erhout", "wijk", "ga", "um"]
REFERRERS = ["Gemeenten", "Wijk- en gebiedsteams", "Politie", "GGZ", "Reclassering", "Veilig Thuis",
             "Woningcorporaties", "Overig"]
AGE_GROUPS = ["0 t/m 17 jaar", "18 t/m 23 jaar", "24 t/m 44 jaar", "45 t/m 64 jaar", "65 jaar en ouder"]
FUNCTIONS = [  # (functie as printed, functiegroep, in natura)
    ("Procesregisseurs", "procesregisseur", False), ("Procesondersteuners", "procesondersteuner", False),
    ("Informatiemakelaar", "informatiemakelaar", False), ("Ketenregisseur mensenhandel", "ketenregisseur", False),
    ("Manager", "manager", False), ("Beleidsadviseur", "beleidsadviseur", False),
    ("Liaisons (om niet)", "liaison", True), ("Stagiaires", "stagiair", False),
]
LASTEN = [("personeel", "Personeel", 0.75), ("huisvesting", "Huisvesting", 0.07),
          ("bedrijfsvoering", "Bedrijfsvoeringkosten (PIJOFACH)", 0.12), ("overige_lasten", "Overige lasten", 0.06)]


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str  # as printed, a naam_zoals_gedrukt of gemeente_namen.csv
    inhabitants: int  # in 2024 (a real one: its latest in bevolking.csv)
    growth: float  # a year


@dataclass(frozen=True)
class Region:
    code: str
    municipalities: tuple[Municipality, ...]
    years: tuple[int, ...]  # the years its generated reports are about


def rng(*key) -> random.Random:
    """A generator of its own for one figure: the same key gives the same numbers, whichever report asks."""
    return random.Random(":".join(map(str, (SEED, *key))))


def inhabitants(municipality: Municipality, year: int) -> int:
    return round(municipality.inhabitants * (1 + municipality.growth) ** (year - 2024))


# ---------------------------------------------------------------------------------------------------------------
# The regions and their reference rows


def real_regions(reference: Path, data_dir: Path) -> list[Region]:
    """The real regions with today's municipalities, for the years no real report covers."""
    gemeente = pl.read_csv(reference / "gemeente.csv", infer_schema=False).filter(pl.col("geldig_tot").is_null())
    printed = pl.read_csv(reference / "gemeente_namen.csv", infer_schema=False).join(
        gemeente, left_on=["gemeentecode", "naam_zoals_gedrukt"], right_on=["gemeentecode", "naam"])
    latest = (pl.read_csv(reference / "bevolking.csv", infer_schema=False)
              .filter(pl.col("gebied_type") == "gemeente").sort("year")
              .group_by("gemeentecode_of_provincie").agg(pl.col("inwoners").last().cast(pl.Int64)))
    inwoners = dict(latest.iter_rows())
    covered = set(pl.concat([pl.read_csv(f, columns=["region", "year"], infer_schema=False)
                             for table in FACT_TABLES for f in (data_dir / table).glob("*.csv")]).iter_rows())
    regions = []
    for region in pl.read_csv(reference / "regio.csv", infer_schema=False)["region"]:
        rows = printed.filter(pl.col("region") == region).sort("gemeentecode")
        municipalities = tuple(Municipality(code, name, int(inwoners[code]), rng("growth", code).uniform(-0.005, 0.01))
                               for code, name in rows.select("gemeentecode", "naam_zoals_gedrukt").iter_rows())
        regions.append(Region(region, municipalities, tuple(y for y in YEARS if (region, str(y)) not in covered)))
    return regions


def invented_regions(reference: Path) -> tuple[list[Region], dict[str, list[dict]]]:
    """The fictitious regions and the rows they add to the reference tables (like tests/fixtures/testland)."""
    taken = set(pl.read_csv(reference / "gemeente_namen.csv", infer_schema=False)["naam_zoals_gedrukt"])
    names = [f"{start}{end}" for start in NAME_STARTS for end in NAME_ENDS if f"{start}{end}" not in taken]
    rng("names").shuffle(names)
    first_place = pl.read_csv(reference / "regio.csv")["volgorde"].max() + 1
    rows = {name: [] for name in ("regio", "organisatie", "gemeente", "gemeente_namen", "gemeente_tegels", "bevolking")}
    regions = []
    for i, region_name in enumerate(REGION_NAMES):
        code = region_name.lower()
        rows["regio"].append({"region": code, "naam": region_name, "volgorde": first_place + i,
                              "andere_namen": f"{region_name} (fictief)"})
        rows["organisatie"].append({"organisation": f"zvh_{code}", "naam": f"Zorg- en Veiligheidshuis {region_name}",
                                    "afkorting": f"ZVH {region_name}", "region": code, "geldig_van": "2008-01-01",
                                    "note": GENERATED})
        municipalities = []
        for m in range(rng("size", code).randint(15, 20)):
            r = rng("municipality", code, m)
            municipality = Municipality(f"GM{5000 + 25 * i + m}", names.pop(),
                                        round(math.exp(r.uniform(math.log(6_000), math.log(150_000)))),
                                        r.uniform(-0.005, 0.01))
            municipalities.append(municipality)
            rows["gemeente"].append({"gemeentecode": municipality.code, "naam": municipality.name, "region": code,
                                     "bron": f"{GENERATED}: geen CBS-code"})
            rows["gemeente_namen"].append({"naam_zoals_gedrukt": municipality.name, "gemeentecode": municipality.code,
                                           "note": GENERATED})
            # Each region a block of 5 × 4 tiles, right of the real provinces' map.
            rows["gemeente_tegels"].append({"gemeentecode": municipality.code, "naam": municipality.name,
                                            "kolom": 20 + 6 * (i % 5) + m % 5, "rij": 5 * (i // 5) + m // 5})
            rows["bevolking"] += [{"gebied_type": "gemeente", "gemeentecode_of_provincie": municipality.code,
                                   "naam": municipality.name, "year": year, "inwoners": inhabitants(municipality, year),
                                   "zekerheid": "vast", "bron": GENERATED} for year in YEARS]
        regions.append(Region(code, tuple(municipalities), tuple(YEARS)))
    return regions, rows


def organisation_of(organisaties: pl.DataFrame, region: str, year: int) -> str:
    """The region's organisation at the end of `year` (Groningen's was vhg until 2020)."""
    end = f"{year}-12-31"
    valid = organisaties.filter((pl.col("region") == region) & (pl.col("geldig_van").fill_null("") <= end)
                                & (pl.col("geldig_tot").fill_null("9999") >= end))
    return valid["organisation"].item()


def append_rows(path: Path, rows: list[dict]) -> None:
    """Append rows under the file's own header (missing columns empty), as the testland fixture does."""
    with path.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header, restval="", lineterminator="\n").writerows(rows)


# ---------------------------------------------------------------------------------------------------------------
# One generated report


def counts(region: Region, year: int, theme: str, metric: str) -> tuple[list[int], int]:
    """A counted figure per municipality and for "Onbekend": its own rate per inhabitant, at the region's own level."""
    rate = math.exp(rng("rate", theme, metric).uniform(math.log(0.5), math.log(100))) / 100_000
    level = rng("level", region.code, theme, metric).uniform(0.6, 1.4) * (1.03 ** (year - 2017))
    r = rng("counts", region.code, year, theme, metric)
    expected = [rate * level * inhabitants(m, year) for m in region.municipalities]
    values = [max(0, round(r.gauss(e, math.sqrt(e) + 0.5))) for e in expected]
    return values, round(0.03 * sum(expected) * r.random())


def shares(categories: list[str], *key) -> dict[str, int]:
    """Whole percentages over `categories` that add up to exactly 100."""
    r = rng("shares", *key)
    weights = [r.uniform(0.2, 1) for _ in categories]
    raw = [100 * w / sum(weights) for w in weights]
    whole = [math.floor(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: whole[i] - raw[i])[:100 - sum(whole)]:
        whole[i] += 1
    return dict(zip(categories, whole))


@cache
def budget(region: Region, year: int) -> dict[str, dict[str, int]]:
    """Begroting and realisatie per post of one year, in euros; lasten and baten of the begroting balance."""
    r = rng("budget", region.code, year)
    people = sum(inhabitants(m, year) for m in region.municipalities)
    total = people * rng("spend", region.code).uniform(2.5, 5) * 1.03 ** (year - 2017)
    begroting = {post: round(total * share * r.uniform(0.9, 1.1), -3) for post, _, share in LASTEN}
    realisatie = {post: round(amount * r.uniform(0.93, 1.07)) for post, amount in begroting.items()}
    lasten = sum(begroting.values())
    baten = {"rijksbijdrage_jenv": round(lasten * 0.25, -3),
             "rijksbijdrage_pok": round(lasten * 0.15, -3) if year >= 2021 else 0,  # POK since 2021
             "diverse_opbrengsten": round(lasten * r.uniform(0.01, 0.04), -3)}
    baten["bijdragen_gemeenten"] = lasten - sum(baten.values())
    begroting |= baten
    realisatie |= {"rijksbijdrage_jenv": baten["rijksbijdrage_jenv"], "rijksbijdrage_pok": baten["rijksbijdrage_pok"],
                   "bijdragen_gemeenten": round(baten["bijdragen_gemeenten"] * r.uniform(0.98, 1.02)),
                   "diverse_opbrengsten": round(baten["diverse_opbrengsten"] * r.uniform(0.5, 1.5))}
    return {"begroting": begroting, "realisatie": realisatie}


def resultaat(region: Region, year: int) -> int:
    """Baten minus lasten of the realisatie."""
    realisatie = budget(region, year)["realisatie"]
    lasten = [post for post, _, _ in LASTEN]
    return sum(v for post, v in realisatie.items() if post not in lasten) - sum(realisatie[post] for post in lasten)


def reserve(region: Region, year: int) -> int:
    """The reserve's stand at the end of `year`: an opening balance plus every year's resultaat (so it rolls)."""
    opening = round(budget(region, YEARS[0])["begroting"]["personeel"] * 0.2, -3)
    return opening + sum(resultaat(region, y) for y in YEARS if y <= year)


def provenance(document: str, section: str, label: str, column: str = "") -> dict:
    return {"qualifier": "exact", "certainty": "zeker", "source_document": document, "source_section": section,
            "source_label": label, "source_column": column}


def kerncijfers(region: Region, year: int, document: str, metrics: pl.DataFrame) -> list[dict]:
    rows = []
    previous = year - 1 if year - 1 in region.years else None
    for theme, metric, label, unit, soort in metrics.select("theme", "metric", "label", "unit", "soort").iter_rows():
        figure = {"region": region.code, "theme": theme, "metric": metric, "unit": unit}
        if unit == "procent":
            for y in (y for y in (year, previous) if y):
                value = round(rng("percentage", region.code, y, theme, metric).uniform(5, 95), 1)
                rows.append(figure | {"year": y, "value": value} | provenance(document, "Kerncijfers", label, str(y)))
            continue
        values, unknown = counts(region, year, theme, metric)
        group = f"{theme}_{metric}_gemeenten"
        section = f"{label} per gemeente"
        rows.append(figure | {"year": year, "value": sum(values) + unknown, "total_of": group}
                    | provenance(document, section, "Totaal", str(year)))
        for m, value in zip(region.municipalities, values):
            rows.append(figure | {"year": year, "gemeente": m.name, "value": value, "part_of": group}
                        | provenance(document, section, m.name, str(year)))
        rows.append(figure | {"year": year, "categorie": "Onbekend", "value": unknown, "part_of": group}
                    | provenance(document, section, "Onbekend", str(year)))
        if soort == "stroom" and previous:  # a flow beside last year's: the same figure as last year's report
            values, unknown = counts(region, previous, theme, metric)
            rows.append(figure | {"year": previous, "value": sum(values) + unknown}
                        | provenance(document, "Kerncijfers", label, str(previous)))
    return rows


def verdelingen(region: Region, year: int, document: str) -> list[dict]:
    rows = []
    for y in (y for y in (year, year - 1) if y in region.years):
        for verdeling, categories, section in (("verwijzer", REFERRERS, "Partners die aanmelden"),
                                               ("leeftijdsgroep", AGE_GROUPS, "Leeftijd van de cliënten")):
            for categorie, percentage in shares(categories, region.code, y, verdeling).items():
                rows.append({"region": region.code, "year": y, "theme": "maatwerk", "verdeling": verdeling,
                             "categorie": categorie, "percentage": percentage}
                            | provenance(document, section, categorie, str(y)))
    return rows


def financien(region: Region, year: int, document: str, organisation: str) -> list[dict]:
    plan = budget(region, year)
    verschil = {post: plan["begroting"][post] - plan["realisatie"][post] for post in plan["begroting"]}
    staten = {"begroting": plan["begroting"], "realisatie": plan["realisatie"], "verschil": verschil}
    columns = {"begroting": f"Begroting {year}", "realisatie": f"Rekening {year}", "verschil": "Verschil"}
    baten = [("rijksbijdrage_jenv", "Rijksbijdrage Ministerie JenV", "rijk"),
             ("rijksbijdrage_pok", "Rijksbijdrage POK", "rijk"),
             ("bijdragen_gemeenten", "Bijdragen gemeenten", "gemeenten"),
             ("diverse_opbrengsten", "Diverse opbrengsten", "overig")]
    if year < 2021:
        baten = baten[:1] + baten[2:]
    rows = []
    section = f"Jaarrekening {year}"

    def line(staat, onderdeel, post, label, bedrag, **more):
        rows.append({"region": region.code, "organisation": organisation, "year": year, "staat": staat,
                     "onderdeel": onderdeel, "post": post, "bedrag": bedrag, "eenheid": "euro"} | more
                    | provenance(document, section, label, columns.get(staat, str(year))))

    for staat, amounts in staten.items():
        for onderdeel, lines, total in (("lasten", [(p, label, None) for p, label, _ in LASTEN], "totaal_lasten"),
                                        ("baten", baten, "totaal_baten")):
            group = f"{onderdeel}_{staat}"
            for post, label, financier in lines:
                line(staat, onderdeel, post, label, amounts[post], financier=financier, part_of=group)
            line(staat, onderdeel, total, f"Totaal {onderdeel}", sum(amounts[p] for p, _, _ in lines), total_of=group)
    result = resultaat(region, year)
    line("begroting", "resultaat", "resultaat", "Resultaat", 0)
    line("realisatie", "resultaat", "resultaat", "Resultaat", result)
    line("verschil", "resultaat", "resultaat", "Resultaat", -result)
    line("mutatie", "reserve", "reserve_algemeen", "Mutatie algemene reserve", result)
    line("stand", "reserve", "reserve_algemeen", f"Algemene reserve per 31 december {year}", reserve(region, year))
    return rows


def personeel(region: Region, year: int, document: str) -> list[dict]:
    r = rng("personeel", region.code, year)
    size = sum(m.inhabitants for m in region.municipalities) / 100_000
    staff = [(functie, group, in_natura, max(1, round(size * r.uniform(0.3, 2.5))))
             for functie, group, in_natura in FUNCTIONS]
    tenths = [round(persons * r.uniform(4, 9)) for *_, persons in staff]  # fte in tenths, so sums are exact
    section = f"Functionarissen (eind {year})"
    rows = [{"region": region.code, "year": year, "functie": functie, "functiegroep": group,
             "personen": persons, "fte": fte / 10, "in_natura": str(in_natura).lower(), "part_of": "functionarissen"}
            | provenance(document, section, functie, "Aantal mensen Aantal fte")
            for (functie, group, in_natura, persons), fte in zip(staff, tenths)]
    rows.append({"region": region.code, "year": year, "functie": "Totaal", "functiegroep": "totaal",
                 "personen": sum(p for *_, p in staff), "fte": sum(tenths) / 10, "in_natura": "false",
                 "total_of": "functionarissen"} | provenance(document, section, "Totaal", "Aantal mensen Aantal fte"))
    return rows


def write_table(path: Path, model, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(model.to_schema().columns), restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------------------------------------------------------


def generate(data_dir: Path) -> int:
    """Add the invented regions and every region's generated reports to the copy of data/; return the reports."""
    reference = data_dir / "reference"
    real = real_regions(reference, data_dir)
    invented, rows = invented_regions(reference)
    for name, new in rows.items():
        append_rows(reference / f"{name}.csv", new)
    organisaties = pl.read_csv(reference / "organisatie.csv", infer_schema=False)
    metrics = pl.read_csv(reference / "metrics.csv", infer_schema=False).sort("theme", "metric")
    bronnen, reserves = [], []
    for region in real + invented:
        for year in region.years:
            document = f"gen_{region.code}_jaarverslag_{year}.txt"
            organisation = organisation_of(organisaties, region.code, year)
            shown = ", ".join(str(y) for y in (year - 1, year) if y in region.years)
            bronnen.append({"source_document": document, "organisation": organisation,
                            "titel": f"Jaarverslag {year} (gegenereerd, fictief)", "verslagjaar": year, "jaren": shown})
            name = f"gen_{region.code}_jaarverslag_{year}.csv"
            write_table(data_dir / "kerncijfers" / name, Kerncijfers, kerncijfers(region, year, document, metrics))
            write_table(data_dir / "verdelingen" / name, Verdelingen, verdelingen(region, year, document))
            write_table(data_dir / "financien" / name, Financien, financien(region, year, document, organisation))
            write_table(data_dir / "personeel" / name, Personeel, personeel(region, year, document))
        reserves.append({"region": region.code, "post": "reserve_algemeen", "soort": "vrij",
                         "toelichting": f"{GENERATED}: het resultaat wordt aan de algemene reserve toegevoegd.",
                         "source_document": f"gen_{region.code}_jaarverslag_{region.years[0]}.txt"})
    append_rows(reference / "bronnen.csv", bronnen)
    append_rows(reference / "reserves.csv", reserves)
    return len(bronnen)


def profile(data_dir: Path, folder: Path) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(build, folder / "profile.duckdb", data_dir)
    (folder / "profile.duckdb").unlink()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", type=Path, help="leave the data folder and database in DIR")
    parser.add_argument("--profile", action="store_true", help="profile a second build with cProfile")
    args = parser.parse_args()
    if args.keep and (args.keep.resolve().is_relative_to(ROOT) or args.keep.exists() and any(args.keep.iterdir())):
        parser.error(f"{args.keep}: choose a new or empty folder outside the repository")
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep.resolve() if args.keep else Path(temporary)
        data_dir = folder / "data"
        # The sources only: no database, no local load history or backups (as tests/conftest.py copies data/).
        shutil.copytree(DATA, data_dir, ignore=shutil.ignore_patterns("*.duckdb*", ".zvh*", "aanleveringen.csv"))
        reports = generate(data_dir)
        files = list(data_dir.rglob("*.csv"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        print(f"generated {reports} reports: {len(files)} CSV files, {megabytes:.0f} MB")

        db = data_dir / "zvh.duckdb"
        report = build(db, data_dir)
        con = duckdb.connect(str(db), read_only=True)
        try:
            facts = con.sql("select count(*) from facts").fetchall()[0][0]
        finally:
            con.close()
        for table, rows in report.rows.items():
            print(f"{table:<24}{rows:>10,}")
        print(f"{'facts (view)':<24}{facts:>10,}")
        ok = report.seconds < TARGET_SECONDS
        print(f"build {report.seconds:.1f} s (target < {TARGET_SECONDS:.0f} s): {'OK' if ok else 'TOO SLOW'}; "
              f"{report.findings} findings; peak memory of this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        if args.profile:
            profile(data_dir, folder)
        if args.keep:
            print(f"kept: ZVH_DATA={data_dir} ZVH_DB={db}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
