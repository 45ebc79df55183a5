"""The ``yjinspect`` command-line interface."""
