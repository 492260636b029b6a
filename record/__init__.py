"""The record at the bottom of every layer: its fields and schema, JSON Lines files, versions, the crawl directory."""
