"""The stuurgroeprapportage: one A4 PDF per region and year, made in-process with typst (no browser).

`content.gather` collects what the report shows from the named queries through `zvh.present` (so its figures are the
Overzicht's), `figures` draws its charts as SVG, `pdf.render` fills `stuurgroep.typ` with that content as JSON.
"""
