package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

const benchRows = 100_000

func bigCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString("First name,Last name,Email,External ID,Source\n")
	for i := range rows {
		fmt.Fprintf(&b, "First%d,Last%d,person%d@example.org,M%07d,newsletter\n", i, i, i, i)
	}
	return b.Bytes()
}

// eventWith100k returns an engine whose event holds 100,000 registrants,
// a third of them checked in and a tenth cancelled.
func eventWith100k(b *testing.B) (*engine.Engine, core.Event) {
	b.Helper()
	eng, db := newEngine(b)
	ev := newEvent(b, eng)
	plan, err := eng.PreviewImport(context.Background(), ev.ID, bytes.NewReader(bigCSV(benchRows)))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := eng.ApplyImport(context.Background(), plan, nil); err != nil {
		b.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx core.Tx) error {
		var list []core.Registrant
		tx.Registrants(ev.ID, func(r core.Registrant) error { list = append(list, r); return nil })
		for i := range list {
			r := &list[i]
			switch {
			case i%10 == 0:
				r.Status = core.StatusCancelled
			case i%3 == 0:
				r.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: testNow, Minutes: i % 60}
			}
			if err := tx.PutRegistrant(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return eng, ev
}

// reportPeakHeap adds the heap in use after the benchmark as a metric.
func reportPeakHeap(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "heap-MB")
}

// BenchmarkImport100k: preview + apply of a 100,000-row CSV into an empty
// event (target < 2 s).
func BenchmarkImport100k(b *testing.B) {
	data := bigCSV(benchRows)
	for b.Loop() {
		b.StopTimer()
		eng, _ := newEngine(b)
		ev := newEvent(b, eng)
		b.StartTimer()
		start := time.Now()
		plan, err := eng.PreviewImport(context.Background(), ev.ID, bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		done, err := eng.ApplyImport(context.Background(), plan, nil)
		if err != nil || done.New != benchRows {
			b.Fatal(err, done.Summary())
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/import")
	}
	reportPeakHeap(b)
}

// BenchmarkReport100k: headcount of an event with 100,000 registrants
// (target < 200 ms).
func BenchmarkReport100k(b *testing.B) {
	eng, ev := eventWith100k(b)
	b.ResetTimer()
	for b.Loop() {
		h, err := eng.Report(context.Background(), ev.ID)
		if err != nil || h.Registered != benchRows {
			b.Fatal(err, h.Registered)
		}
	}
	reportPeakHeap(b)
}

func benchmarkExport(b *testing.B, f core.ExportFormat) {
	eng, ev := eventWith100k(b)
	b.ResetTimer()
	for b.Loop() {
		n, err := eng.Export(context.Background(), ev.ID, engine.GroupAll, f, io.Discard, nil)
		if err != nil || n != benchRows {
			b.Fatal(err, n)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	reportPeakHeap(b)
}

// BenchmarkExportCSV100k: target < 0.5 s.
func BenchmarkExportCSV100k(b *testing.B) { benchmarkExport(b, core.ExportCSV) }

// BenchmarkExportXLSX100k: target < 4 s.
func BenchmarkExportXLSX100k(b *testing.B) { benchmarkExport(b, core.ExportXLSX) }
