"""A page's own widgets: its filters bound to the URL and the columns of its tables."""
