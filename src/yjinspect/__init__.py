"""yjinspect: inspect and quality-assure youth justice services against the published standards."""

__version__ = "0.1.0"
