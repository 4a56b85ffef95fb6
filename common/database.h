// Opening newsdex databases: where the default one lives, creating it with the
// schema version stamped in, and refusing databases of another schema version.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db, else ~/.local/share/newsdex/db.
std::string default_database_path();

// Opens a database for searching. Throws DatabaseMissingError (with a message
// that says how to create one) when `path` holds no database, and Error when
// it holds one of another schema version or that is not a newsdex database.
Xapian::Database open_database_for_reading(const std::string& path);

// True when `path` is a Xapian stub database (a file, or a directory holding a
// XAPIANDB file) rather than a database directory: it may list remote shards
// (xapian-tcpsrv), which only understand Xapian's own match spies.
bool is_stub_database(const std::string& path);

// Opens (creating parent directories and the database as needed) for writing.
// A new database gets the schema version in its metadata. Throws Error for a
// database of another schema version, and when another writer holds the lock.
Xapian::WritableDatabase open_database_for_writing(const std::string& path);

// Opens an existing database for writing, as database administration does
// (newsdex-index delete, compact): nothing is created or stamped. Throws
// DatabaseMissingError when `path` holds no database, and Error for another
// schema version or when another writer holds the lock (the same "locked"
// message as open_database_for_writing).
Xapian::WritableDatabase open_existing_database_for_writing(const std::string& path);

// Languages whose stems the database holds (metadata), "en" if none recorded.
std::vector<std::string> database_languages(const Xapian::Database& db);

}  // namespace newsdex
