"""The Streamlit glue the pages use: cached queries, filters and links, downloads, sign-in and roles."""
