"""The IKO-lezing: slides built from the same reports and builders as the pages.

Rendering (kaleido, PowerPoint, PDF) lives apart from the slides themselves."""
