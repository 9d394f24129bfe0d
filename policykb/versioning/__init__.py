"""The data version the response cache is keyed by (policykb.caching): an app of its own,
since it is bookkeeping, not a knowledge-base record (no admin page, no history)."""
