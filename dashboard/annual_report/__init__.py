"""The annual report's chapters 2-7 as a Word or PDF draft: content apart from the writer."""
