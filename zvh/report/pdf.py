"""Render the stuurgroeprapportage as PDF: the typst template beside this file, filled with `content.gather`."""

import datetime as dt
import json
from contextlib import closing
from pathlib import Path

import typst

from zvh.query import sql
from zvh.report.content import gather
from zvh.store.db import open_version

TEMPLATE = Path(__file__).with_name("stuurgroep.typ")


def render(database: Path, region: str, year: int, made: dt.date | None = None) -> bytes:
    """The report of `region` and `year` from the database file as it is now; `content.NoFigures` when there are no
    figures to report.

    The content reaches typst as one JSON input (`sys.inputs`), never pasted into markup: a report's text holds
    #, $, *, _, [ and @, which typst would read as code.
    """
    with closing(open_version(database)) as con:
        content = gather(lambda name, **params: sql.run(con, name, **params), region, year,
                         made or dt.date.today())
    return typst.compile(TEMPLATE.read_bytes(), sys_inputs={"content": json.dumps(content, ensure_ascii=False)})
