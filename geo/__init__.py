"""Place names -> coordinates, offline: the gazetteer behind the incident map.

    from geo import Gazetteer
    gaz = Gazetteer.open()            # builds data/cache/geo/gazetteer.sqlite once
    gaz.geocode("Saraqeb")            # Place(name='Saraqib', latitude=35.86..., ...)
    gaz.geocode("Tripoli", country="LB")

Nothing here needs the network or imports streamlit.
"""
from geo.build import (
    BuildError,
    BuildReport,
    CustomPlacesError,
    GazetteerMissing,
    GeoError,
    build_index,
    ensure_built,
    index_path,
)
from geo.gazetteer import Gazetteer, OfflineGeocoder, Place
from geo.normalize import loose_key, name_key

__all__ = [
    "BuildError",
    "BuildReport",
    "CustomPlacesError",
    "Gazetteer",
    "GazetteerMissing",
    "GeoError",
    "OfflineGeocoder",
    "Place",
    "build_index",
    "ensure_built",
    "index_path",
    "loose_key",
    "name_key",
]
