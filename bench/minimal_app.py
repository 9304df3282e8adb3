"""The yardstick for bench_browser.py: the smallest Streamlit app that draws one labelled plotly scatter.

Server start to this figure drawn is what Streamlit and plotly cost on this machine; the app's own first figure
is measured against it.
"""
import plotly.graph_objects as go
import streamlit as st

WORDS = ["king", "queen", "man", "woman", "apple", "banana", "paris", "london", "human", "computer"]

fig = go.Figure(go.Scatter(x=list(range(len(WORDS))), y=[(i * 7) % 5 for i in range(len(WORDS))],
                           mode="markers+text", text=WORDS, textposition="top center"))
fig.update_layout(xaxis_title="PC1", yaxis_title="PC2")
st.plotly_chart(fig)
