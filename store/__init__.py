"""The store: tables (schema), connection (connect), writes used by the fetch job, and the
read side (queries' shared building blocks; overview, claim_detail, fetch_history,
publications; exports) used by the dashboard and the CLI. No Streamlit, no HTTP."""
