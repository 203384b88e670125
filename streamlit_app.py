"""Entry point for `streamlit run streamlit_app.py`; the app itself is dashboard/app.py."""

from dashboard.app import main

main()
