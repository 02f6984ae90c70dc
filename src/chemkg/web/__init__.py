"""The HTTP service: ``create_app(settings)`` builds it; one router per resource under ``routers/``."""
