"""A local registry: Crossref's public data file and the Retraction Watch CSV in one SQLite
database (standard library ``sqlite3`` with FTS5), answering the same questions as the
Crossref REST API with no network.

* :mod:`.schema` — the tables, opening a database, the search tokens;
* :mod:`.snapshot` — streaming work records out of ``.json.gz`` / JSON Lines files;
* :mod:`.retractions` — the Retraction Watch CSV as notices;
* :mod:`.build` — ingesting files, each whole or not at all;
* :mod:`.registry` — :class:`~.registry.SqliteRegistry`, a
  :class:`~citecheck.registry.protocol.WorksRegistry`;
* :mod:`.layered` — the snapshot first, then a live registry for what it lacks.
"""
