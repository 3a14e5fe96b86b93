"""Radicale's own file-system storage (`multifilesystem`, Radicale 3.1.8), for the publish
benchmark only, without the three scans of the whole calendar that each write makes there:

- a new event's UID is checked against every event of the calendar (`has_uid` reads each one's
  file and cache entry): here against a set of the calendar's UIDs, made once from the files and
  kept up to date by every upload (and dropped by a delete);
- after each write, the item cache and the sync history are searched for entries of deleted
  events (`_clean_item_cache`, `_clean_history`: a `stat` per event): here not (nothing is deleted
  during the benchmark; stale entries are harmless and cleaned by the next stock run).

Everything else (authentication, parsing with vobject, the conditional requests, atomic writes
with fsync, ETags, the cache itself) is Radicale's own. Stock Radicale makes publishing N new
events cost time in N squared (see BENCHMARKS.md); this storage shows what the rest costs.

    [storage]
    type = radicale_indexed_storage      (with this folder on PYTHONPATH)
"""
from radicale.storage import multifilesystem


class Collection(multifilesystem.Collection):
    def has_uid(self, uid):
        return uid in self._storage.uids(self)

    def upload(self, href, item):
        uploaded = super().upload(href, item)
        self._storage.uids(self).add(uploaded.uid)
        return uploaded

    def delete(self, href=None):
        self._storage.forget(self)
        super().delete(href)

    def _clean_item_cache(self):
        pass

    def _clean_history(self):
        pass


class Storage(multifilesystem.Storage):
    _collection_class = Collection

    def __init__(self, configuration):
        super().__init__(configuration)
        self._uids = {}

    def uids(self, collection):
        """The UIDs of a calendar's events (read once; called under Radicale's write lock)."""
        known = self._uids.get(collection.path)
        if known is None:
            known = self._uids[collection.path] = {item.uid for item in collection.get_all()}
        return known

    def forget(self, collection):
        self._uids.pop(collection.path, None)
