"""Build the DuckDB file from the sources and open it safely while other sessions read and write."""
