"""Outline in, NCBI E-utilities out, PubMed records into the store. No Streamlit here."""
