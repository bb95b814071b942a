"""The JSON API under `/api/v1/`: its endpoints, the contract its queries keep, and `/openapi.json`."""
