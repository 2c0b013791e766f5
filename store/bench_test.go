package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The engine imports 100,000 registrants in one Update (target: under 2 s
// with the CSV parse) and reads them all for a report (target: under
// 200 ms with decoding). These benchmarks measure the store's share.
const benchRegistrants = 100_000

// benchRegistrant looks like an imported row for a managed event.
func benchRegistrant(eventID core.ID, i int) core.Registrant {
	return core.Registrant{
		EventID:   eventID,
		FirstName: "Alexandra",
		LastName:  fmt.Sprintf("Example-%d", i),
		// Rows arrive in registration order, so emails are in no order.
		Email:        fmt.Sprintf("%08x.alexandra@riverside-accounting.example", uint32(i)*2654435761),
		Source:       "spring-newsletter",
		Status:       core.StatusRegistered,
		RegisteredAt: start.Add(-time.Duration(i) * time.Second),
		UpdatedAt:    start,
		Sync:         core.ProviderSync{State: core.SyncPending, UpdatedAt: start},
	}
}

// importRegistrants inserts n registrants into a new event in one Update.
func importRegistrants(b *testing.B, db *DB, n int) core.Event {
	b.Helper()
	e := addEvent(b, db, "Big webinar", 0)
	update(b, db, func(tx core.Tx) error {
		for i := range n {
			r := benchRegistrant(e.ID, i)
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
		}
		return nil
	})
	return e
}

func BenchmarkPutRegistrants100k(b *testing.B) {
	dir := b.TempDir()
	var size int64
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("%d.db", i))
		i++
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		importRegistrants(b, db, benchRegistrants)
		b.StopTimer()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if info, err := os.Stat(path); err == nil {
			size = info.Size()
		}
		_ = os.Remove(path)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRegistrants, "ns/registrant")
	b.ReportMetric(float64(size)/(1<<20), "MiB-file")
	if cpu >= 0 { // includes the untimed Open and Close, the same for every codec
		b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/100k")
	}
}

func BenchmarkIterateRegistrants100k(b *testing.B) {
	db := openTemp(b)
	e := importRegistrants(b, db, benchRegistrants)
	for b.Loop() {
		n := 0
		err := db.View(ctx(), func(tx core.Tx) error {
			return tx.Registrants(e.ID, func(r core.Registrant) error {
				if r.Email != "" {
					n++
				}
				return nil
			})
		})
		if err != nil || n != benchRegistrants {
			b.Fatalf("iterated %d registrants: %v", n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRegistrants, "ns/registrant")
}

func BenchmarkCountRegistrants100k(b *testing.B) {
	db := openTemp(b)
	e := importRegistrants(b, db, benchRegistrants)
	for b.Loop() {
		err := db.View(ctx(), func(tx core.Tx) error {
			n, err := tx.CountRegistrants(e.ID)
			if err == nil && n != benchRegistrants {
				err = fmt.Errorf("counted %d", n)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/100k")
}

// BenchmarkOpen100k is the start-up cost of a file holding 100,000
// registrants (the freelist is rebuilt by walking the file).
func BenchmarkOpen100k(b *testing.B) {
	db := openTemp(b)
	importRegistrants(b, db, benchRegistrants)
	path := db.Path()
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/open")
}
