"""The seminar: the facilitator's role (white cell), injects, notes and the analysts' export."""
