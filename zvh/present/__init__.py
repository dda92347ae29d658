"""Turn query results into what people read: Dutch numbers and text, plotly figures, tables, downloads."""
