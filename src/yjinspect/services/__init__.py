"""Youth justice services: the partnerships that are inspected."""
