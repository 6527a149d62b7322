"""Typed report functions over queries/reports/*.sql, read by the pages and the lecture.

No Plotly and no Streamlit here."""
