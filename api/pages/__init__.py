"""The HTML pages: landing page and the interactive network (selection, styling, rendering)."""
