"""The engine: pure functions from the catalog, a date and a workload to priced, compared results."""
