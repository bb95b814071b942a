"""Sync: merge importers' proposals into `data/`, keeping curated values, all or nothing."""
