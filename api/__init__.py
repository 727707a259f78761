"""The interfaces: the `shanhai` command line, the FastAPI app and the network pages."""
