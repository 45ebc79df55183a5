"""What the inspections app tells others without importing them: apps above it listen."""

from django.dispatch import Signal

# Sent inside the publishing transaction, once an inspection's ratings become the published
# ones (``inspection``); a listener that fails undoes the publication.
inspection_published = Signal()
