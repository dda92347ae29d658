"""The core of the dashboard, one sub-package per stage of the data's one-way flow.

source → store → query → present → web, with aanlevering writing new figures back into source:

- `source`: read and validate the curated CSVs (pandera models live in `validation/`), naming every problem.
- `store`: build the DuckDB file from them and open it safely while others read and write.
- `query`: run named queries and the werkbank's ad-hoc SQL.
- `present`: turn query results into Dutch text, figures, tables and downloads (no Streamlit).
- `web`: the Streamlit glue the pages in `views/` use, sign-in and roles.
- `aanlevering`: check, commit and roll back a delivery of new figures.
"""
