"""The event coder: triggers on the dependency parse, arguments, modality, date, place, casualties."""
