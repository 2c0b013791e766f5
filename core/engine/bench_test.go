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
	"github.com/turnout-app/turnout/core/csvimport"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/export"
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

// BenchmarkImport100k: preview + apply of a 100,000-row CSV into an empty
// event (target < 2 s, peak heap < 300 MB). In the same run the CSV
// reader alone reads the same file: the floor, reported as read-only-s.
func BenchmarkImport100k(b *testing.B) {
	data := bigCSV(benchRows)
	var took, readOnly time.Duration
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		eng, _ := newEngine(b)
		ev := newEvent(b, eng)
		began := time.Now()
		if res, err := csvimport.Read(bytes.NewReader(data)); err != nil || len(res.Rows) != benchRows {
			b.Fatal(err)
		}
		readOnly += time.Since(began)
		runtime.GC()
		stop := samplePeakHeap(&peak)
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
		took += time.Since(start)
		b.StopTimer()
		stop()
		b.StartTimer()
	}
	b.ReportMetric(took.Seconds()/float64(b.N), "s/import")
	b.ReportMetric(readOnly.Seconds()/float64(b.N), "read-only-s")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
}

// BenchmarkReport100k: headcount of an event with 100,000 registrants
// (target < 200 ms). The report reads the stored counts, not the
// registrants, so no walk over them is a floor to compare it with.
func BenchmarkReport100k(b *testing.B) {
	eng, ev := eventWith100k(b)
	b.ResetTimer()
	for b.Loop() {
		h, err := eng.Report(context.Background(), ev.ID)
		if err != nil || h.Registered != benchRows {
			b.Fatal(err, h.Registered)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/report")
}

func benchmarkExport(b *testing.B, f core.ExportFormat) {
	eng, ev := eventWith100k(b)
	var peak uint64
	runtime.GC()
	stop := samplePeakHeap(&peak)
	b.ResetTimer()
	for b.Loop() {
		n, err := eng.Export(context.Background(), ev.ID, engine.GroupAll, f, io.Discard, nil)
		if err != nil || n != benchRows {
			b.Fatal(err, n)
		}
	}
	stop()
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/export")
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	b.ReportMetric(timeWriterAlone(b, eng, ev, f).Seconds(), "writer-only-s")
}

// timeWriterAlone writes the same table the export writes (one row per
// registrant, cells of the same types) with the export writer alone: the
// floor of an export in this format on this machine, right now. Rows are
// made one at a time, as the export makes them: 100,000 rows held at
// once would slow the writer down with garbage collection.
func timeWriterAlone(b *testing.B, eng *engine.Engine, ev core.Event, f core.ExportFormat) time.Duration {
	regs, err := eng.Registrants(context.Background(), ev.ID)
	if err != nil || len(regs) != benchRows {
		b.Fatal(err, len(regs))
	}
	runtime.GC()
	start := time.Now()
	w, err := export.New(f, io.Discard, "Headcount")
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Write(registrantHeader); err != nil {
		b.Fatal(err)
	}
	for _, r := range regs {
		if err := w.Write(benchRow(r)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

var registrantHeader = []any{"First name", "Last name", "Email", "External ID", "Source", "Status",
	"Registered at", "Reminder", "Clicks", "Attended", "Check-in source", "Minutes attended", "Matched by", "Provider ID"}

// benchRow has the cells the export writes for r, of the same types.
func benchRow(r core.Registrant) []any {
	var source string
	var minutes any = ""
	if r.CheckIn != nil {
		source, minutes = r.CheckIn.Source.Label(), r.CheckIn.Minutes
	}
	status := "Registered"
	if !r.Active() {
		status = "Cancelled"
	}
	return []any{r.FirstName, r.LastName, r.Email, r.ExternalID, r.Source, status,
		r.RegisteredAt, string(r.Reminder.Status), r.Clicks, r.Attended(), source, minutes, "", r.Sync.RegistrantID}
}

// BenchmarkExportCSV100k: target < 0.5 s.
func BenchmarkExportCSV100k(b *testing.B) { benchmarkExport(b, core.ExportCSV) }

// BenchmarkExportXLSX100k: target < 4 s.
func BenchmarkExportXLSX100k(b *testing.B) { benchmarkExport(b, core.ExportXLSX) }
