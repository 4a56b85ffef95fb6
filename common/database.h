// Opening newsdex databases: where the default one lives, creating it with the
// schema version stamped in, refusing databases of another schema version, and
// telling a database directory from a directory (or file) of someone else's,
// which newsdex never writes into or deletes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

// $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db, else ~/.local/share/newsdex/db.
std::string default_database_path();

// Opens a database for searching: a database directory or a Xapian stub
// database (a file, or a directory holding XAPIANDB, listing databases).
// Throws DatabaseMissingError (with a message that says how to create one)
// when nothing, or an empty directory, is at `path`; Error when it holds a
// database of another schema version or that is not a newsdex database, when
// it is a file that is not a stub database ("is a file, not a database
// directory"), or a directory holding other files than a database's.
// A stub database is opened as a cluster (common/cluster.h: each shard
// named in errors, remote shards with the file's timeouts); a shard that
// cannot be opened throws Error naming it.
Xapian::Database open_database_for_reading(const std::string& path);

// Throws Error when `db` (opened from `name`, which messages give) holds a
// newsdex database of another schema version, or articles but no schema
// version (not a newsdex database). An empty database passes.
void check_schema(const Xapian::Database& db, const std::string& name);

// True when `path` is a Xapian stub database (a file, or a directory holding a
// XAPIANDB file) rather than a database directory: it may list remote shards
// (xapian-tcpsrv), which only understand Xapian's own match spies.
bool is_stub_database(const std::string& path);

// Opens (creating parent directories and the database as needed) for writing.
// A new database gets the schema version in its metadata. Creates a database
// only where nothing is, or in an empty directory (one holding nothing but
// is_database_file_name() files). Throws Error, before writing anything, when
// `path` is a file ("is a file, not a database directory"; a stub database
// file is named as such: it can be searched, not written), a stub database
// directory, or a directory that holds no database but other files (the
// message names them, and a database directory among them, as `--db PARENT`
// of a database would); for a database of another schema version; when
// another writer holds the lock ("database is locked by another indexer");
// and when the directory cannot be written (read-only filesystem, no
// permission, immutable: the message gives that cause, not "locked").
Xapian::WritableDatabase open_database_for_writing(const std::string& path);

// Opens an existing database for writing, as database administration does
// (newsdex-index delete, compact): nothing is created or stamped. Throws
// DatabaseMissingError when `path` holds no database, and Error for another
// schema version, when another writer holds the lock (the same "locked"
// message as open_database_for_writing), or when it cannot be written (the
// cause, as open_database_for_writing gives it).
Xapian::WritableDatabase open_existing_database_for_writing(const std::string& path);

// True for the names of the files a newsdex database directory consists of:
// Xapian's glass backend (iamglass, flintlock, the version file's temporary
// v.tmp, its tables NAME.glass, replication changesets changesN) and newsdex's
// facet columns (newsdex-facets, newsdex-facets.lock, newsdex-facets.tmp).
// Anything else in a database directory was put there by someone else:
// newsdex never deletes it.
bool is_database_file_name(std::string_view name);

// The entries of directory `dir` that are not regular files with an
// is_database_file_name() name (symbolic links and subdirectories included),
// sorted by name; empty when `dir` holds only a database's files.
// Throws Error when `dir` cannot be listed.
std::vector<std::string> foreign_entries(const std::string& dir);

// Removes `dir` when it is a real directory (not a symbolic link) holding
// only a database's files (foreign_entries() empty): each of them, then the
// empty directory. Otherwise removes nothing and throws Error naming `dir`
// and what is in it that newsdex did not create. Throws Error on I/O errors
// (files already removed stay removed: they were the database's).
// Used for the old database after a compaction's swap and for a leftover
// compaction directory; the caller holds the database's write lock.
void remove_database_directory(const std::string& dir);

// "notes.txt", "a, b and c", "a, b, c and 4 more": names for a message.
std::string list_names(const std::vector<std::string>& names);

// Languages whose stems the database holds (metadata), "en" if none recorded.
std::vector<std::string> database_languages(const Xapian::Database& db);

}  // namespace newsdex
