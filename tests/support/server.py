"""The site server lives in `bench.server` (the benchmark serves Lighthouse with it and may not
import the tests); the tests keep importing it from here."""

from bench.server import COMPRESSIBLE, CONTENT_TYPES, PREFIX, SiteServer

__all__ = ["COMPRESSIBLE", "CONTENT_TYPES", "PREFIX", "SiteServer"]
