package ui

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// BenchmarkOpenRegistrants100k opens the registrants screen of a demo event
// with 100,000 extra registrants: the time until the table shows them (the
// target is under a second) and the heap the loaded list keeps.
func BenchmarkOpenRegistrants100k(b *testing.B) {
	ctx := context.Background()
	eng := demoEngine100k(b)
	events, err := eng.ListEvents(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	big := events[0]
	for _, e := range events {
		if e.Registered+e.Cancelled > big.Registered+big.Cancelled {
			big = e
		}
	}
	a := test.NewTempApp(b)
	u := newApp(a, eng.Services(), Options{}, &taskQueue{})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.wait()

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	var total time.Duration
	var rows int
	for i := 0; i < b.N; i++ {
		start := time.Now()
		v := u.OpenEvent(big.Event, ScreenRegistrants)
		u.wait()
		v.registrants.table.ScrollTo(widget.TableCellID{Row: 50_000, Col: 0}) // scroll half way
		total += time.Since(start)
		rows = len(v.registrants.list.All)
	}
	b.StopTimer()
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if rows < 100_000 {
		b.Fatalf("screen shows %d registrants", rows)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/open")
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "MB-heap")
}

// BenchmarkFilterRegistrants100k measures one keystroke in the search box
// over 100,000 loaded registrants.
func BenchmarkFilterRegistrants100k(b *testing.B) {
	eng := demoEngine100k(b)
	a := test.NewTempApp(b)
	u := newApp(a, eng.Services(), Options{}, &taskQueue{})
	playScene(u, ScreenRegistrants)
	u.wait()
	if u.event == nil {
		b.Fatal("no event opened")
	}
	rs := u.event.registrants
	queries := []string{"a", "am", "ame", "amel", "amelia", ""}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs.search.SetText(queries[i%len(queries)])
	}
}

// playScene plays a start scene's steps one after the other, each once
// the work of the one before has come back (the real app waits for its
// window instead; see playStartScene).
func playScene(u *App, name string) {
	for _, step := range startScenes[name] {
		step(u)
		u.wait()
	}
}

// demoEngine100k is an engine on a demo data file whose busiest event has
// 100,000 extra registrants.
func demoEngine100k(b *testing.B) *engine.Engine {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "demo.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	eng := engine.New(db)
	if err := eng.SeedDemo(context.Background(), 100_000); err != nil {
		b.Fatal(err)
	}
	return eng
}
