package csvimport

import (
	"bytes"
	"fmt"
	"testing"
)

// registrantsCSV builds an export of n rows shaped like a CRM's: a few
// columns Turnout uses and a few it ignores.
func registrantsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFFFirst name,Last name,Email,Member ID,Campaign,Phone,Company,Notes\r\n")
	for i := range n {
		fmt.Fprintf(&b, "Person%d,\"Family, %d\",person.%d@example-%d.org,M-%07d,spring-%d,+1 555 %07d,Company %d,\"Note with \"\"quotes\"\" %d\"\r\n",
			i, i, i, i%97, i, i%5, i, i%300, i)
	}
	return b.Bytes()
}

func BenchmarkRead100k(b *testing.B) {
	const rows = 100_000
	data := registrantsCSV(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Read(bytes.NewReader(data))
		if err != nil || len(res.Rows) != rows {
			b.Fatalf("Read: %d rows, %v", len(res.Rows), err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
