package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/turnout-app/turnout/core/coretest"
)

// bigXLSX is bigCSV's rows as an Excel workbook.
func bigXLSX(b *testing.B, rows int) []byte {
	sheet := coretest.Sheet{Name: "Registrants", Rows: [][]any{{"First name", "Last name", "Email", "External ID", "Source"}}}
	for i := range rows {
		sheet.Rows = append(sheet.Rows, []any{fmt.Sprint("First", i), fmt.Sprint("Last", i),
			fmt.Sprintf("person%d@example.org", i), fmt.Sprintf("M%07d", i), "newsletter"})
	}
	return coretest.XLSX(b, sheet)
}

// BenchmarkImportXLSX100k: preview + apply of a 100,000-row workbook into an
// empty event. In the same run excelize alone reads every cell of the same
// file, the floor, reported as excelize-only-s.
func BenchmarkImportXLSX100k(b *testing.B) {
	data := bigXLSX(b, benchRows)
	var took, floor time.Duration
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		eng, _ := newEngine(b)
		ev := newEvent(b, eng)
		began := time.Now()
		if n := excelizeCells(b, data); n != benchRows+1 {
			b.Fatalf("excelize read %d rows", n)
		}
		floor += time.Since(began)
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
	b.ReportMetric(floor.Seconds()/float64(b.N), "excelize-only-s")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
}

// excelizeCells reads every row of the workbook's first sheet as excelize
// gives it and returns how many rows there were.
func excelizeCells(b *testing.B, data []byte) int {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}
