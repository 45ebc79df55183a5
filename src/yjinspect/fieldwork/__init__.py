"""Fieldwork evidence for judgement standards: documents, meetings, focus groups, and the views
of children and parents or carers, which are kept only while their consent stands."""
