"""Reports over the store: batch lookup, coverage, gap reports and negotiation briefs."""
