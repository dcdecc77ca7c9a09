"""The web app: FastAPI pages and a JSON API over the same services as the command line."""
