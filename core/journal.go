package core

// Journal is an append-only file a store keeps beside its data file. A
// record appended there is on disk after one write and one sync, where a
// transaction costs two syncs and every page it touched: the mail engine
// notes each reminder the server accepted there first, so the next one
// may go out at once, and folds the notes into the store in groups.
// Records survive a crash of the program or the machine; a record cut
// short by one is dropped on reading.
type Journal interface {
	// Append writes the records and syncs them to disk, all or (after a
	// crash) a prefix of them.
	Append(records ...[]byte) error
	// Records returns what was appended since the last Clear, in order.
	Records() ([][]byte, error)
	// Clear empties the journal once its records are in the store.
	Clear() error
	Close() error
}

// JournalKeeper is a store that keeps journals. A store without them
// (where a commit is already cheap) records each outcome in a
// transaction instead.
type JournalKeeper interface {
	// OpenJournal opens, creating if needed, the journal called name.
	OpenJournal(name string) (Journal, error)
}
