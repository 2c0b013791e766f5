package checkin

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// BenchmarkReadReport100k reads a Zoom webinar attendee report with
// 100,000 attendee lines.
func BenchmarkReadReport100k(b *testing.B) {
	const rows = 100_000
	var data bytes.Buffer
	data.WriteString("Attendee Details,,,,,,\nAttended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest\n")
	for i := range rows {
		fmt.Fprintf(&data, "Yes,Person %d,person.%d@example.org,12/02/2026 02:01:00 PM,12/02/2026 02:31:00 PM,30,Yes\n", i, i)
	}
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := ReadReport(bytes.NewReader(data.Bytes()), time.UTC, false)
		if err != nil || len(rep.Rows) != rows {
			b.Fatalf("%v, %d rows", err, len(rep.Rows))
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
