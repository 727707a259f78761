"""Named queries over either store, and question answering that turns a question into one of them."""
