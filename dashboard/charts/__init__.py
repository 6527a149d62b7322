"""Chart builders: the one template, label fitting, one module of builders per topic.

No Streamlit here."""
