"""Ratings: the team's judgement ratings, lead-inspector overrides and sign-off, all rated by
the engine from the evidence."""
