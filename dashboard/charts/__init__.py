"""Chart builders: the one template, the canvas (screen or slide) and laying out for it, one
module of builders per topic.

No Streamlit here."""
