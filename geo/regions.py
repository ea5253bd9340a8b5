"""Named areas no populated-place list has: regions, seas, rivers, deserts, ranges.

News copy places stories in "the Middle East", "the Atlantic", "Eastern
Ghouta" or "along the Cauvery"; cities500 knows none of them, so such a name
either went unresolved or, worse, found a hamlet of that name ("Middle East",
Virginia; Atlantic, Iowa) thousands of km away. This table gives each a
representative point, what kind of feature it is (GeoNames' feature codes:
RGN region, OCN ocean, SEA sea, GULF gulf or bay, STRT strait, STM river,
DSRT desert, MTS mountains, PEN peninsula, ISL island, LK lake, VAL valley,
CNL canal), the country it lies in (None when it spans several or is
disputed) and a radius: how far from the point the area reaches, which the
gazetteer uses as its box when ranking by nearness (a town on the coast of
the Mediterranean is "in" it).

Points are a middle of the area as a map reader expects it (rivers: the
stretch news names them for, e.g. the Euphrates in eastern Syria). The
gazetteer gives every entry ACLED precision 3 (a region).
Written here from general geographic knowledge; values are (lat, lon) degrees.
An area the index already has as a first-level unit (the Gaza Strip, the West
Bank, Abkhazia, Transnistria) is left to it.
"""
from __future__ import annotations

from typing import NamedTuple

__all__ = ["REGION_CODES", "REGIONS", "Region"]


class Region(NamedTuple):
    name: str
    alternates: tuple[str, ...]
    latitude: float
    longitude: float
    feature_code: str
    country_code: str | None
    radius_km: float


REGION_CODES = frozenset({"RGN", "OCN", "SEA", "GULF", "STRT", "STM", "DSRT", "MTS", "PEN", "ISL", "LK", "VAL", "CNL"})

_R = Region
REGIONS: tuple[Region, ...] = (
    # Oceans and seas
    _R("Atlantic Ocean", ("Atlantic", "the Atlantic", "North Atlantic"), 10.0, -25.0, "OCN", None, 4500),
    _R("Pacific Ocean", ("Pacific", "the Pacific", "South Pacific", "North Pacific"), 0.0, -160.0, "OCN", None, 7000),
    _R("Indian Ocean", (), -10.0, 70.0, "OCN", None, 4500),
    _R("Arctic Ocean", ("Arctic", "the Arctic"), 85.0, 0.0, "OCN", None, 2000),
    _R("Southern Ocean", (), -65.0, 0.0, "OCN", None, 3000),
    _R("Mediterranean Sea", ("Mediterranean", "the Mediterranean", "the Med"), 35.0, 18.0, "SEA", None, 1600),
    _R("Black Sea", (), 43.3, 34.5, "SEA", None, 550),
    _R("Caspian Sea", (), 41.5, 50.5, "SEA", None, 550),
    _R("Red Sea", (), 20.0, 38.5, "SEA", None, 1000),
    _R("Aegean Sea", ("Aegean",), 39.0, 25.0, "SEA", None, 350),
    _R("Adriatic Sea", ("Adriatic",), 43.0, 15.5, "SEA", None, 400),
    _R("Baltic Sea", ("Baltic",), 58.0, 20.0, "SEA", None, 700),
    _R("North Sea", (), 56.0, 3.0, "SEA", None, 500),
    _R("Arabian Sea", (), 15.0, 65.0, "SEA", None, 1300),
    _R("South China Sea", (), 12.0, 114.0, "SEA", None, 1300),
    _R("East China Sea", (), 29.0, 125.0, "SEA", None, 500),
    _R("Sea of Japan", ("East Sea",), 40.0, 135.0, "SEA", None, 700),
    _R("Sea of Azov", (), 46.0, 36.5, "SEA", None, 200),
    _R("Caribbean Sea", ("Caribbean", "the Caribbean"), 15.0, -75.0, "SEA", None, 1300),
    _R("English Channel", ("the Channel",), 50.2, -1.0, "STRT", None, 250),
    _R("Persian Gulf", ("Arabian Gulf", "the Gulf", "Gulf"), 27.0, 51.0, "GULF", None, 550),
    _R("Gulf of Aden", (), 12.5, 47.5, "GULF", None, 400),
    _R("Gulf of Oman", (), 24.5, 58.5, "GULF", None, 250),
    _R("Gulf of Mexico", (), 25.0, -90.0, "GULF", None, 800),
    _R("Bay of Bengal", (), 15.0, 88.0, "GULF", None, 900),
    _R("Strait of Hormuz", ("Hormuz Strait",), 26.6, 56.3, "STRT", None, 100),
    _R("Bab el-Mandeb", ("Bab al-Mandab", "Bab-el-Mandeb"), 12.6, 43.3, "STRT", None, 60),
    _R("Suez Canal", (), 30.5, 32.35, "CNL", "EG", 90),
    _R("Lake Chad", ("Lake Chad Basin",), 13.3, 14.1, "LK", None, 150),
    _R("Lake Victoria", (), -1.0, 33.0, "LK", None, 200),
    # World regions
    _R("Middle East", ("the Middle East", "Mideast", "Near East"), 29.0, 42.0, "RGN", None, 2000),
    _R("Levant", ("the Levant",), 34.0, 36.5, "RGN", None, 400),
    _R("Maghreb", ("the Maghreb",), 31.0, 3.0, "RGN", None, 1500),
    _R("North Africa", (), 28.0, 12.0, "RGN", None, 2200),
    _R("West Africa", (), 12.0, -3.0, "RGN", None, 1600),
    _R("East Africa", (), 0.0, 37.0, "RGN", None, 1500),
    _R("Sub-Saharan Africa", (), -2.0, 20.0, "RGN", None, 3500),
    _R("Sahel", ("the Sahel",), 14.0, 5.0, "RGN", None, 2200),
    _R("Horn of Africa", ("the Horn of Africa",), 9.0, 44.0, "PEN", None, 900),
    _R("Arabian Peninsula", (), 23.0, 46.0, "PEN", None, 1300),
    _R("Balkans", ("the Balkans", "Balkan Peninsula"), 43.0, 21.0, "RGN", None, 600),
    _R("Caucasus", ("the Caucasus", "Caucasus Mountains"), 42.5, 44.5, "MTS", None, 500),
    _R("North Caucasus", (), 43.5, 45.0, "RGN", "RU", 400),
    _R("Central Asia", (), 43.0, 65.0, "RGN", None, 1500),
    _R("South Asia", (), 22.0, 79.0, "RGN", None, 1800),
    _R("Southeast Asia", ("South-East Asia", "South East Asia"), 8.0, 110.0, "RGN", None, 2500),
    _R("East Asia", (), 35.0, 115.0, "RGN", None, 2000),
    _R("Korean Peninsula", ("the Korean Peninsula",), 38.0, 127.5, "PEN", None, 450),
    _R("Iberian Peninsula", (), 40.0, -4.0, "PEN", None, 550),
    _R("Scandinavia", (), 63.0, 15.0, "RGN", None, 900),
    _R("Baltic states", ("the Baltics", "Baltics"), 56.5, 24.0, "RGN", None, 350),
    _R("Eastern Europe", (), 50.0, 30.0, "RGN", None, 1500),
    _R("Western Europe", (), 48.0, 5.0, "RGN", None, 1000),
    _R("Central Europe", (), 49.0, 15.0, "RGN", None, 600),
    _R("Southern Europe", (), 41.0, 14.0, "RGN", None, 1200),
    _R("Latin America", (), -8.0, -60.0, "RGN", None, 5000),
    _R("Central America", ("Central American",), 13.0, -86.0, "RGN", None, 900),
    _R("Siberia", (), 60.0, 105.0, "RGN", "RU", 2000),
    _R("Patagonia", (), -45.0, -69.0, "RGN", None, 800),
    _R("Anatolia", ("Asia Minor",), 39.0, 33.0, "PEN", "TR", 600),
    # Areas of conflict and contested territories
    _R("Kashmir", ("Kashmir Valley",), 34.0, 75.5, "RGN", None, 300),
    _R("Golan Heights", ("the Golan Heights", "Golan"), 33.0, 35.8, "RGN", "SY", 40),
    _R("Sinai Peninsula", ("Sinai", "the Sinai"), 29.5, 33.8, "PEN", "EG", 220),
    _R("Negev", ("the Negev", "Negev Desert"), 30.8, 34.8, "DSRT", "IL", 100),
    _R("Galilee", (), 32.9, 35.4, "RGN", "IL", 50),
    _R("Eastern Ghouta", ("Ghouta", "East Ghouta", "Ghuta", "the Ghouta"), 33.55, 36.4, "RGN", "SY", 20),
    _R("Qalamoun", ("Qalamoun Mountains", "Qalamun"), 33.9, 36.5, "MTS", "SY", 50),
    _R("Syrian Desert", ("Badia", "Syrian Badia"), 33.5, 39.0, "DSRT", None, 350),
    _R("Donbas", ("Donbass", "the Donbas", "Donets Basin"), 48.0, 38.5, "RGN", "UA", 200),
    _R("Nagorno-Karabakh", ("Karabakh", "Nagorno Karabakh", "Artsakh"), 39.9, 46.7, "RGN", "AZ", 60),
    _R("South Ossetia", ("South Ossetian",), 42.3, 44.0, "RGN", "GE", 50),
    _R("Iraqi Kurdistan", ("Kurdistan Region of Iraq",), 36.4, 44.4, "RGN", "IQ", 200),
    _R("Darfur", (), 13.5, 24.5, "RGN", "SD", 450),
    _R("Kordofan", (), 12.5, 29.5, "RGN", "SD", 350),
    _R("Nuba Mountains", (), 11.5, 30.5, "MTS", "SD", 100),
    _R("Jebel Marra", (), 13.0, 24.3, "MTS", "SD", 50),
    _R("Ogaden", (), 7.0, 44.0, "RGN", "ET", 300),
    _R("Liptako-Gourma", (), 14.0, 0.5, "RGN", None, 300),
    _R("Niger Delta", (), 5.0, 6.0, "RGN", "NG", 250),
    _R("Waziristan", (), 32.5, 69.8, "RGN", "PK", 100),
    _R("Ferghana Valley", ("Fergana Valley",), 40.8, 71.5, "VAL", None, 150),
    _R("Mindanao", (), 8.0, 125.0, "ISL", "PH", 350),
    # Deserts and mountain ranges
    _R("Sahara", ("Sahara Desert", "the Sahara"), 23.0, 13.0, "DSRT", None, 2200),
    _R("Gobi Desert", ("Gobi",), 42.5, 103.0, "DSRT", None, 800),
    _R("Kalahari Desert", ("Kalahari",), -23.0, 22.0, "DSRT", None, 600),
    _R("Rub' al Khali", ("Empty Quarter", "the Empty Quarter"), 20.0, 50.0, "DSRT", None, 500),
    _R("Himalayas", ("Himalaya", "the Himalayas"), 28.0, 84.0, "MTS", None, 1200),
    _R("Hindu Kush", (), 35.5, 70.5, "MTS", None, 350),
    _R("Alps", ("the Alps",), 46.5, 10.0, "MTS", None, 450),
    _R("Andes", ("the Andes",), -20.0, -68.0, "MTS", None, 3000),
    _R("Rocky Mountains", ("Rockies", "the Rockies"), 45.0, -111.0, "MTS", None, 1500),
    _R("Zagros Mountains", ("Zagros",), 33.0, 48.0, "MTS", None, 650),
    _R("Atlas Mountains", (), 31.5, -6.0, "MTS", None, 600),
    _R("Ural Mountains", ("Urals", "the Urals"), 60.0, 59.5, "MTS", "RU", 1100),
    _R("Pyrenees", ("the Pyrenees",), 42.7, 1.0, "MTS", None, 250),
    _R("Tora Bora", (), 34.1, 70.2, "MTS", "AF", 15),
    # Rivers (the stretch news names them for)
    _R("Nile", ("Nile River", "the Nile"), 27.0, 31.0, "STM", None, 1500),
    _R("Euphrates", ("Euphrates River", "the Euphrates", "Furat"), 35.2, 40.3, "STM", None, 700),
    _R("Tigris", ("Tigris River", "the Tigris"), 35.0, 43.5, "STM", None, 600),
    _R("Jordan River", ("River Jordan",), 32.0, 35.55, "STM", None, 100),
    _R("Orontes", ("Orontes River", "Asi River"), 35.4, 36.4, "STM", None, 150),
    _R("Litani River", ("Litani",), 33.35, 35.45, "STM", "LB", 50),
    _R("Shatt al-Arab", ("Arvand Rud",), 30.4, 48.2, "STM", None, 80),
    _R("Danube", ("Danube River", "the Danube"), 44.5, 22.5, "STM", None, 1300),
    _R("Rhine", ("Rhine River", "the Rhine"), 50.0, 7.6, "STM", None, 500),
    _R("Volga", ("Volga River", "the Volga"), 50.0, 45.5, "STM", "RU", 1500),
    _R("Dnieper", ("Dnieper River", "Dnipro River", "the Dnieper"), 47.3, 34.5, "STM", None, 700),
    _R("Mississippi River", ("the Mississippi River",), 35.0, -90.0, "STM", "US", 1500),
    _R("Ganges", ("Ganges River", "the Ganges"), 25.3, 83.0, "STM", None, 1000),
    _R("Indus", ("Indus River", "the Indus"), 28.0, 69.0, "STM", None, 1000),
    _R("Brahmaputra", ("Brahmaputra River",), 26.5, 92.0, "STM", None, 600),
    _R("Yamuna", ("Yamuna River",), 27.0, 78.5, "STM", "IN", 500),
    _R("Cauvery", ("Kaveri", "Cauvery River", "Kaveri River"), 12.1, 77.8, "STM", "IN", 300),
    _R("Teesta", ("Teesta River", "Tista"), 26.5, 88.8, "STM", None, 150),
    _R("Yangtze", ("Yangtze River", "Chang Jiang"), 30.5, 112.0, "STM", "CN", 1500),
    _R("Yellow River", ("Huang He",), 35.5, 110.0, "STM", "CN", 1500),
    _R("Mekong", ("Mekong River", "the Mekong"), 15.0, 105.5, "STM", None, 1500),
    _R("Congo River", ("River Congo",), -1.0, 17.5, "STM", None, 1500),
    _R("Niger River", ("River Niger",), 13.5, 2.1, "STM", None, 1500),
    _R("Zambezi", ("Zambezi River", "Zambesi"), -16.0, 29.0, "STM", None, 1000),
    _R("Amu Darya", ("Oxus",), 40.0, 63.0, "STM", None, 800),
    _R("Helmand River", (), 31.0, 64.0, "STM", "AF", 500),
    # Regions of countries named in news copy
    _R("Midwest", ("the Midwest", "Middle West"), 42.0, -93.0, "RGN", "US", 800),
    _R("New England", (), 44.0, -71.5, "RGN", "US", 300),
    _R("Pacific Northwest", (), 46.0, -121.0, "RGN", "US", 500),
    _R("Gulf Coast", (), 29.5, -91.0, "RGN", "US", 700),
    _R("Great Plains", (), 40.0, -100.0, "RGN", "US", 1000),
    _R("Appalachia", ("Appalachian Mountains", "Appalachians"), 37.5, -81.0, "MTS", "US", 800),
    _R("San Francisco Bay Area", ("Bay Area",), 37.8, -122.3, "RGN", "US", 60),
    _R("Silicon Valley", (), 37.4, -122.05, "VAL", "US", 30),
    _R("Southern California", ("SoCal",), 34.0, -117.5, "RGN", "US", 250),
    _R("Greater Toronto Area", (), 43.7, -79.4, "RGN", "CA", 60),
    _R("Midlands", ("the Midlands",), 52.6, -1.8, "RGN", "GB", 150),
)
