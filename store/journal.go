package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"

	"github.com/turnout-app/turnout/core"
)

var _ core.JournalKeeper = (*DB)(nil)

// journalHeader is each record's frame: its length and a CRC-32C of it,
// so a record cut short or half-written by a crash is recognised and
// dropped instead of read as another record.
const journalHeader = 8

var journalCRC = crc32.MakeTable(crc32.Castagnoli)

// OpenJournal opens the journal called name: the file beside the data
// file with ".name.journal" added (turnout.db.sent-mail.journal).
func (db *DB) OpenJournal(name string) (core.Journal, error) {
	path := db.path + "." + name + ".journal"
	// Not O_APPEND: Windows then refuses Truncate; the journal keeps its
	// own end instead.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil {
			j := &journal{f: f, path: path, end: fi.Size()}
			// Reading cuts off a tail a crash damaged, so that what is
			// appended next follows the good records.
			if _, err = j.Records(); err == nil {
				return j, nil
			}
		}
		f.Close()
	}
	return nil, core.Errorf(core.EUNAVAILABLE, "Turnout cannot open %s beside its data file (%v). Check the folder's permissions.", path, err)
}

type journal struct {
	mu   sync.Mutex
	f    *os.File
	path string
	end  int64 // where the next record goes
}

func (j *journal) Append(records ...[]byte) error {
	if len(records) == 0 {
		return nil
	}
	n := 0
	for _, r := range records {
		n += journalHeader + len(r)
	}
	buf := make([]byte, 0, n)
	for _, r := range records {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(r)))
		buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(r, journalCRC))
		buf = append(buf, r...)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.WriteAt(buf, j.end); err != nil {
		return fmt.Errorf("store: journal %s: %w", j.path, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("store: journal %s: %w", j.path, err)
	}
	j.end += int64(len(buf))
	return nil
}

// Records reads the journal; a damaged tail (a crash in the middle of an
// Append) is cut off.
func (j *journal) Records() ([][]byte, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	fi, err := j.f.Stat()
	if err != nil {
		return nil, fmt.Errorf("store: journal %s: %w", j.path, err)
	}
	data, err := io.ReadAll(io.NewSectionReader(j.f, 0, fi.Size()))
	if err != nil {
		return nil, fmt.Errorf("store: journal %s: %w", j.path, err)
	}
	var out [][]byte
	valid, total := 0, len(data)
	for len(data) >= journalHeader {
		size := int(binary.LittleEndian.Uint32(data))
		sum := binary.LittleEndian.Uint32(data[4:])
		if size > len(data)-journalHeader {
			break // cut short by a crash
		}
		rec := data[journalHeader : journalHeader+size]
		if crc32.Checksum(rec, journalCRC) != sum {
			break // half-written by a crash: nothing after it counts
		}
		out = append(out, rec)
		data = data[journalHeader+size:]
		valid += journalHeader + size
	}
	if valid < total {
		// Drop the damaged tail so the next Append is read after the
		// good records, not lost behind the damage.
		if err := j.f.Truncate(int64(valid)); err != nil {
			return nil, fmt.Errorf("store: journal %s: %w", j.path, err)
		}
	}
	j.end = int64(valid)
	return out, nil
}

func (j *journal) Clear() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.f.Truncate(0); err != nil {
		return fmt.Errorf("store: journal %s: %w", j.path, err)
	}
	j.end = 0
	return j.f.Sync()
}

func (j *journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	if errors.Is(err, os.ErrClosed) {
		err = nil
	}
	return err
}
