"""Qt item models over the domain's plain objects."""
