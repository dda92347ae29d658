"""Read the curated source CSVs, validate them with the pandera models, name every problem in Dutch."""
