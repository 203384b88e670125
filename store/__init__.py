"""The store: tables (schema), connection (connect), writes used by the fetch job, and the
read side (queries, exports) used by the dashboard and the CLI. No Streamlit, no HTTP."""
