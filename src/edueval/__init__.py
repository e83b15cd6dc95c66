"""edueval: honest, reproducible evaluation of Chinese local education indicators."""
from __future__ import annotations

__version__ = "0.1.0"

from .catalog import Catalog, Indicator, load_catalog
from .regions import Region, Registry, load_regions

__all__ = ["Catalog", "Indicator", "Region", "Registry", "load_catalog", "load_regions", "__version__"]
