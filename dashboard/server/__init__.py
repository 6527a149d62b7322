"""Starting and serving the dashboard: the command line, the launcher, the server, login."""
