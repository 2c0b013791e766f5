package store

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// goldenFiles are data files written by the code of each earlier schema
// version (see testdata/golden/README.md for the commit of each).
// Versions 3 and 4 never shipped on their own: the commit that declared
// them already declared 5.
var goldenFiles = []struct {
	name    string
	version uint64
}{
	{"schema1.db.gz", 1},
	{"schema2.db.gz", 2},
	{"schema5.db.gz", 5},
	{"schema6.db.gz", 6},
}

// unpackGolden copies a compressed golden file to a fresh data file, so
// the test may migrate it without touching testdata.
func unpackGolden(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "turnout.db")
	writeFile(t, path, data)
	return path
}

// rawRecord is one key/value of a data file, named by its bucket path.
type rawRecord struct {
	bucket string // "outbox/mail" for a nested bucket
	key    []byte
	value  []byte
}

// rawDump reads every key and value of every bucket, nested ones too,
// straight from bbolt.
func rawDump(t *testing.T, path string) []rawRecord {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var out []rawRecord
	var walk func(name string, bk *bolt.Bucket) error
	walk = func(name string, bk *bolt.Bucket) error {
		return bk.ForEach(func(k, v []byte) error {
			if v == nil {
				if child := bk.Bucket(k); child != nil {
					return walk(name+"/"+string(k), child)
				}
			}
			out = append(out, rawRecord{name, bytes.Clone(k), bytes.Clone(v)})
			return nil
		})
	}
	err = b.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error { return walk(string(name), bk) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (r rawRecord) id() string { return r.bucket + " " + hex.EncodeToString(r.key) }

// keyID is the ID in the last 8 bytes of a key.
func keyID(k []byte) uint64 { return binary.BigEndian.Uint64(k[len(k)-8:]) }

// sameJSON fails unless a and b hold the same JSON value (key order and
// spacing aside): decoding a stored value into today's type and encoding
// it again must drop nothing and change nothing.
func sameJSON(t *testing.T, what string, stored []byte, v any) {
	t.Helper()
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: encode: %v", what, err)
	}
	var a, b any
	if err := json.Unmarshal(stored, &a); err != nil {
		t.Fatalf("%s: stored value is not JSON: %v", what, err)
	}
	if err := json.Unmarshal(again, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%s changes when read and written again:\nstored %s\nnow    %s", what, stored, again)
	}
}

// setSchemaVersion rewrites a file's schema_version, as a newer Turnout
// would have written it.
func setSchemaVersion(t *testing.T, path string, v uint64) {
	t.Helper()
	writeBoltFile(t, path, func(tx *bolt.Tx) error { return writeSchemaVersion(tx, v) })
}

// countBy counts raw records per top-level bucket.
func countBy(records []rawRecord) map[string]int {
	n := map[string]int{}
	for _, r := range records {
		n[strings.SplitN(r.bucket, "/", 2)[0]]++
	}
	return n
}
