"""lintdock: lints Dockerfiles and Compose files for apps that can heal themselves."""

__version__ = "0.1.0"
