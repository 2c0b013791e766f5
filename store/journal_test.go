package store

import (
	"os"
	"testing"
)

func TestJournalKeepsRecordsUntilCleared(t *testing.T) {
	db := openTemp(t)
	j, err := db.OpenJournal("sent-mail")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Append([]byte("one"), []byte("two")); err != nil {
		t.Fatal(err)
	}
	if err := j.Append([]byte("three")); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	// A later start reads what an earlier one wrote.
	j, err = db.OpenJournal("sent-mail")
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	assertRecords(t, j, "one", "two", "three")
	if err := j.Clear(); err != nil {
		t.Fatal(err)
	}
	assertRecords(t, j)
	if err := j.Append([]byte("four")); err != nil {
		t.Fatal(err)
	}
	assertRecords(t, j, "four")
	if _, err := os.Stat(db.Path() + ".sent-mail.journal"); err != nil {
		t.Fatalf("the journal is not beside the data file: %v", err)
	}
}

// A crash in the middle of an Append leaves a record cut short or
// half-written: it is dropped, the records before it stay, and what is
// appended next is read after them.
func TestJournalDropsADamagedTail(t *testing.T) {
	for name, damage := range map[string][]byte{
		"cut short":    {9, 0, 0, 0, 1, 2, 3, 4, 'x'},
		"half-written": {3, 0, 0, 0, 0, 0, 0, 0, 'b', 'a', 'd'},
		"header only":  {3, 0},
	} {
		t.Run(name, func(t *testing.T) {
			db := openTemp(t)
			j, err := db.OpenJournal("sent-mail")
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			if err := j.Append([]byte("kept")); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(db.Path()+".sent-mail.journal", os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.Write(damage); err != nil {
				t.Fatal(err)
			}
			f.Close()
			assertRecords(t, j, "kept")
			if err := j.Append([]byte("next")); err != nil {
				t.Fatal(err)
			}
			assertRecords(t, j, "kept", "next")
			// The same after a restart that appends before it reads.
			j.Close()
			if f, err = os.OpenFile(db.Path()+".sent-mail.journal", os.O_WRONLY|os.O_APPEND, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := f.Write(damage); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if j, err = db.OpenJournal("sent-mail"); err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			if err := j.Append([]byte("after restart")); err != nil {
				t.Fatal(err)
			}
			assertRecords(t, j, "kept", "next", "after restart")
		})
	}
}

func assertRecords(t *testing.T, j interface{ Records() ([][]byte, error) }, want ...string) {
	t.Helper()
	got, err := j.Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("records = %q, want %q", got, want)
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Fatalf("records = %q, want %q", got, want)
		}
	}
}
