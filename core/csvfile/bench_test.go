package csvfile

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// BenchmarkRead100k reads a 100,000-row CRM-like export with quoted cells.
func BenchmarkRead100k(b *testing.B) {
	const rows = 100_000
	var data bytes.Buffer
	data.WriteString("\uFEFFFirst name,Last name,Email,Member ID,Notes\r\n")
	for i := range rows {
		fmt.Fprintf(&data, "Person%d,\"Family, %d\",person.%d@example.org,M-%07d,\"Note with \"\"quotes\"\" %d\"\r\n", i, i, i, i, i)
	}
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data.Bytes()), Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, _, err := r.Read()
			if err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows+1 {
			b.Fatalf("%d records", n)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
