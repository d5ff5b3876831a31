"""Use cases.  Services take the session's data and ``now``, own the commit, and return plain
results; they raise ``ServiceError`` subclasses that pages and the API turn into messages."""
