"""The commands' context (defined in server.store.context, shared with the queries)."""

from server.store.context import Context, SiteRow, load_site

__all__ = ["Context", "SiteRow", "load_site"]
