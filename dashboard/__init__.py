"""The Streamlit dashboard: the only package that imports streamlit. It reads the store and
never calls NCBI."""
