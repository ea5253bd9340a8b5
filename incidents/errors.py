"""The incidents package's exception family: one root, leaves that say what went wrong."""


class IncidentsError(Exception):
    """Root of every error `incidents` raises on purpose."""


class InputError(IncidentsError, ValueError):
    """An input file or text could not be read as an article."""


class StoreError(IncidentsError):
    """The store could not be opened or written."""
