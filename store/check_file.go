package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/turnout-app/turnout/core"
)

// bbolt's file layout, as far as checkFile reads it: two meta pages at
// the start, each a 16-byte page header followed by the meta record
// (magic, version, page size, flags, root bucket, freelist, high water
// mark, transaction ID, then a checksum of everything before it).
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	metaPageFlag   = 0x04
	pageHeaderSize = 16
	checksumAt     = 56 // the checksum's offset in the meta record
	metaPageBytes  = pageHeaderSize + checksumAt + 8
	minPageSize    = 512
	maxPageSize    = 1 << 16
)

// meta is what checkFile needs of a meta page.
type meta struct {
	pageSize uint32
	pgid     uint64 // high water mark: pages in use
	txid     uint64
}

// ErrDamaged is in the chain of every error that reports a data file cut
// short or overwritten (see Damaged); the CLI's restore uses it to tell a
// file that can be opened from one that must be replaced.
var ErrDamaged = errors.New("store: data file damaged")

// checkFile looks at an existing data file before bbolt maps it: bbolt
// trusts the file, and a file cut short (a half-finished copy, a full USB
// stick) makes it read past the end of the mapping, which kills the
// process with SIGBUS instead of returning an error. A missing file is
// fine: Open creates it.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return openError(path, err)
	}
	if info.IsDir() {
		return core.Errorf(core.EINVALID, "%s is a folder, not a data file; give the file's name, e.g. %s.", path, path+string(os.PathSeparator)+"turnout.db")
	}
	size := info.Size()
	if size == 0 {
		// Not taken as a new file: an empty file is as likely a copy that
		// failed as a first start that stopped short.
		return fmt.Errorf("store: open %s: empty: %w: %w", path, ErrDamaged, core.Errorf(core.EINVALID,
			"This data file is damaged (it is empty: 0 bytes): %s. If Turnout has never been used with it, delete the file and start again; "+
				"otherwise restore from a backup: choose \"Restore from a backup…\" in the window that says Turnout cannot start, "+
				"or run \"turnout --data %s restore --from BACKUP-FILE\".", path, path))
	}
	first := make([]byte, metaPageBytes)
	n, _ := io.ReadFull(f, first)
	m0, err0 := readMeta(first[:n])
	// The second meta page sits one page in; the first tells the page
	// size, or, if it is damaged, bbolt's default does.
	pageSize := int64(m0.pageSize)
	if pageSize < minPageSize || pageSize > maxPageSize {
		pageSize = int64(os.Getpagesize())
	}
	second := make([]byte, len(first))
	var m1 meta
	err1 := errors.New("missing")
	if _, err := f.ReadAt(second, pageSize); err == nil {
		m1, err1 = readMeta(second)
	}
	if err1 != nil && !startsLikeDataFile(first[:n]) {
		return notDataFile(path) // a CSV, a document: not damaged, just not ours
	}
	best, ok := m0, err0 == nil
	if err1 == nil && (!ok || m1.txid > m0.txid) {
		best, ok = m1, true
	}
	switch {
	case !ok && size < 2*pageSize:
		return damagedFile(path, fmt.Sprintf("it is only %d bytes long", size))
	case !ok:
		return damagedFile(path, "both of its header pages are damaged")
	case size%int64(best.pageSize) != 0:
		return damagedFile(path, fmt.Sprintf("it is %d bytes, not a whole number of %d-byte pages: it was cut short", size, best.pageSize))
	case uint64(size) < best.pgid*uint64(best.pageSize):
		return damagedFile(path, fmt.Sprintf("it is %d bytes but its data reach byte %d: it was cut short", size, best.pgid*uint64(best.pageSize)))
	}
	return nil
}

// startsLikeDataFile reports whether b, the first bytes of a file, are
// those of a bbolt file: a meta page numbered 0 and bbolt's magic number.
// Any other file (a CSV, a document) is not a Turnout data file at all
// rather than a damaged one.
func startsLikeDataFile(b []byte) bool {
	want := make([]byte, pageHeaderSize+4)
	binary.NativeEndian.PutUint16(want[8:], metaPageFlag)
	binary.NativeEndian.PutUint32(want[pageHeaderSize:], boltMagic)
	n := min(len(b), len(want))
	return n > 0 && string(b[:n]) == string(want[:n])
}

// readMeta decodes and checks one meta page. On a bad checksum it still
// returns the page size it read, so that the other meta page can be
// found.
func readMeta(page []byte) (meta, error) {
	if len(page) < metaPageBytes {
		return meta{}, errors.New("cut short")
	}
	b := page[pageHeaderSize:]
	e := binary.NativeEndian // bbolt writes its structs as they are in memory
	if e.Uint32(b[0:]) != boltMagic || e.Uint32(b[4:]) != boltVersion {
		return meta{}, errors.New("not a bbolt meta page")
	}
	m := meta{pageSize: e.Uint32(b[8:]), pgid: e.Uint64(b[40:]), txid: e.Uint64(b[48:])}
	h := fnv.New64a()
	h.Write(b[:checksumAt])
	if h.Sum64() != e.Uint64(b[checksumAt:]) {
		return m, errors.New("bad checksum")
	}
	if m.pageSize < minPageSize || m.pageSize > maxPageSize || m.pgid < 4 {
		return meta{}, errors.New("implausible meta page")
	}
	return m, nil
}

// damagedFile is the message for a data file that cannot be used as it
// is, with how to get the data back.
func damagedFile(path, what string) error {
	return fmt.Errorf("store: open %s: %s: %w: %w", path, what, ErrDamaged, core.Errorf(core.EINVALID,
		"This data file is damaged (%s): %s. Restore from a backup: choose \"Restore from a backup…\" in the window that says Turnout cannot start, "+
			"or run \"turnout --data %s restore --from BACKUP-FILE\". Restoring keeps the damaged file as %s; without a backup, send that file to your IT contact.",
		what, path, path, path+DamagedSuffix))
}

// checkPlace refuses a data file in a folder that does not exist or
// cannot be written, and a path that names a folder, saying which.
func checkPlace(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return core.Errorf(core.EINVALID, "The folder %s does not exist, so there is no data file %s. Check the name, or create the folder first.", dir, path)
	case err != nil:
		return openError(path, err)
	case !info.IsDir():
		return core.Errorf(core.EINVALID, "%s is a file, not a folder, so it cannot hold the data file %s. Check the name.", dir, path)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil // an existing file: checkFile and bbolt say what is wrong with it
	}
	probe, err := os.CreateTemp(dir, ".turnout-probe-*")
	if err != nil {
		return core.Errorf(core.EUNAVAILABLE, "Turnout cannot create its data file in %s: that folder cannot be written to. Choose another folder, or ask your IT contact for write access.", dir)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// MakeFolder creates the data file's folder, private to the user (0700),
// if it is missing. Turnout calls it for its default location only: a
// folder given by staff must exist (checkPlace).
func MakeFolder(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return core.Errorf(core.EUNAVAILABLE, "Turnout cannot create its folder %s (%v). Start it with --data FILE in a folder you can write to.", dir, err)
	}
	return nil
}
