package export

import (
	"bytes"
	"fmt"
	"io"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

const benchRows = 100_000

// headcountRows builds a 12-column headcount export like the engine writes.
func headcountRows(n int) [][]any {
	start := time.Date(2026, 3, 5, 14, 0, 0, 0, newYork)
	rows := make([][]any, 0, n+1)
	rows = append(rows, []any{"ID", "First name", "Last name", "Email", "Source", "Status",
		"Registered", "Attended", "Check-in source", "Joined", "Minutes", "Score"})
	for i := range n {
		rows = append(rows, []any{
			int64(i + 1), fmt.Sprintf("First%d", i), fmt.Sprintf("Family-Name %d", i),
			fmt.Sprintf("person.%d@example.org", i), "spring-newsletter", "registered",
			start.Add(-time.Duration(i) * time.Minute), i%3 != 0, "Provider report",
			start.Add(time.Duration(i%600) * time.Second), i % 90, float64(i%1000) / 8,
		})
	}
	return rows
}

func benchmarkExport(b *testing.B, newWriter func(io.Writer) (Writer, error), out func() io.Writer) {
	rows := headcountRows(benchRows)
	b.ReportAllocs()
	peak := watchHeap()
	for b.Loop() {
		w, err := newWriter(out())
		if err != nil {
			b.Fatal(err)
		}
		for _, row := range rows {
			if err := w.Write(row); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/100k")
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
}

func BenchmarkCSV100k(b *testing.B) {
	benchmarkExport(b,
		func(w io.Writer) (Writer, error) { return NewCSV(w), nil },
		func() io.Writer { return io.Discard })
}

func BenchmarkXLSX100k(b *testing.B) {
	var buf bytes.Buffer // a workbook is written in full; keep it like a file would
	benchmarkExport(b,
		func(w io.Writer) (Writer, error) { return NewXLSX(w, "Headcount") },
		func() io.Writer { buf.Reset(); return &buf })
}

// watchHeap samples the live heap until the returned function is called,
// which returns the highest value seen (including the input rows). -benchmem
// counts bytes allocated, not bytes held at once, which is what a
// 300 MB limit is about.
func watchHeap() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	read := func() {
		metrics.Read(sample)
		mu.Lock()
		peak = max(peak, sample[0].Value.Uint64())
		mu.Unlock()
	}
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
