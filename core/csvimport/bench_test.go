package csvimport

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/turnout-app/turnout/core/coretest"
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

// registrantsXLSX is registrantsCSV's rows as an Excel workbook, the member
// ID a number as Excel keeps it.
func registrantsXLSX(b *testing.B, n int) []byte {
	rows := [][]any{{"First name", "Last name", "Email", "Member ID", "Campaign", "Phone", "Company", "Notes"}}
	for i := range n {
		rows = append(rows, []any{fmt.Sprint("Person", i), fmt.Sprint("Family, ", i), fmt.Sprintf("person.%d@example-%d.org", i, i%97),
			i, fmt.Sprint("spring-", i%5), fmt.Sprintf("+1 555 %07d", i), fmt.Sprint("Company ", i%300), fmt.Sprintf("Note with \"quotes\" %d", i)})
	}
	return coretest.XLSX(b, coretest.Sheet{Name: "Registrants", Rows: rows})
}

func BenchmarkReadXLSX100k(b *testing.B) {
	const rows = 100_000
	data := registrantsXLSX(b, rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Read(bytes.NewReader(data))
		if err != nil || len(res.Rows) != rows {
			b.Fatalf("Read: %d rows, %v", len(res.Rows), err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
