package checkin

import (
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/csvfile"
)

// zoomTable is a Zoom participant report with a meeting summary above the
// participant table, a name holding the delimiter and a quoted line break.
var zoomTable = [][]string{
	{"Meeting ID", "Topic", "Start Time", "Participants"},
	{"85746065432", "Spring webinar; Q&A, part 1", "03/10/2026 03:00:00 PM", "2"},
	{},
	{"Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"},
	{"Lee, Ann; \"Annie\"", "ann@x.org", "03/10/2026 03:01:00 PM", "03/10/2026 03:31:00 PM", "30"},
	{"Bo\nKim", "bo@x.org", "03/10/2026 03:05:00 PM", "03/10/2026 03:50:00 PM", "45"},
}

func TestParseReportEveryEncodingAndSeparator(t *testing.T) {
	loc := time.FixedZone("EST", -5*3600)
	for _, enc := range []string{"UTF-8", "UTF-8 BOM", "UTF-16LE BOM", "UTF-16BE BOM"} {
		for _, sep := range []struct {
			name, line string
			comma      rune
		}{
			{"comma", "", ','},
			{"semicolon", "", ';'},
			{"tab", "", '\t'},
			{"sep=; line", "sep=;", ';'},
			{"sep=, line", "sep=,", ','},
			{"sep=tab line", "sep=\t", '\t'},
			{`sep=\t line`, `sep=\t`, '\t'},
		} {
			for _, nl := range []string{"\n", "\r\n"} {
				t.Run(enc+"/"+sep.name+"/"+map[string]string{"\n": "LF", "\r\n": "CRLF"}[nl], func(t *testing.T) {
					rows, _, err := ParseReport(strings.NewReader(encodeAs(t, reportText(sep.line, sep.comma, nl), enc)), loc)
					if err != nil {
						t.Fatal(err)
					}
					if len(rows) != 2 || rows[0].Name != `Lee, Ann; "Annie"` || rows[0].Email != "ann@x.org" ||
						rows[1].Name != "Bo\nKim" || rows[1].Duration != 45*time.Minute {
						t.Fatalf("rows %+v", rows)
					}
					if want := time.Date(2026, 3, 10, 15, 1, 0, 0, loc); !rows[0].JoinTime.Equal(want) {
						t.Errorf("join time %v, want %v", rows[0].JoinTime, want)
					}
				})
			}
		}
	}
}

func reportText(sepLine string, comma rune, nl string) string {
	var b strings.Builder
	if sepLine != "" {
		b.WriteString(sepLine + nl)
	}
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, nl == "\r\n"
	for _, rec := range zoomTable {
		if len(rec) == 0 {
			w.Flush()
			b.WriteString(nl)
			continue
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.String()
}

func encodeAs(t *testing.T, text, enc string) string {
	t.Helper()
	switch enc {
	case "UTF-8 BOM":
		return "\uFEFF" + text
	case "UTF-16LE BOM", "UTF-16BE BOM":
		order := unicode.LittleEndian
		if enc == "UTF-16BE BOM" {
			order = unicode.BigEndian
		}
		out, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	return text
}

func TestParseReportUnclosedQuote(t *testing.T) {
	in := "Name,Email,Join Time,Duration\nAnn,\"ann@x.org,2026-03-10 15:00:00,30\n" +
		strings.Repeat("Bo,bo@x.org,2026-03-10 15:05:00,20\n", 1000)
	_, _, err := ParseReport(strings.NewReader(in), time.UTC)
	var broken *csvfile.LineError
	if !errors.As(err, &broken) || broken.Line != 2 || core.ErrorCode(err) != core.EINVALID ||
		!strings.HasPrefix(core.ErrorMessage(err), "Line 2 has a quote that is never closed") {
		t.Fatalf("error %v, want line 2 named", err)
	}
	rows, skipped, err := ParseReportSkipping(strings.NewReader(in), time.UTC)
	if err != nil || len(rows) != 1000 || skipped != 1 {
		t.Errorf("skipping: %d rows, %d skipped, %v; want 1000, 1", len(rows), skipped, err)
	}
}

func TestParseReportHeadingSpellings(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	for _, tt := range []struct {
		name, in string
		join     time.Time
	}{
		{"snake case", "user_name,USER_EMAIL,join_time,duration_minutes\nAnn,ann@x.org,2026-03-10 15:00:00,30\n",
			time.Date(2026, 3, 10, 15, 0, 0, 0, est)},
		{"upper case with a UTC note", "USER NAME,EMAIL,JOIN TIME (UTC),LEAVE TIME (UTC),DURATION (MINUTES)\nAnn,ann@x.org,2026-03-10 20:00:00,2026-03-10 20:30:00,30\n",
			time.Date(2026, 3, 10, 20, 0, 0, 0, time.UTC)},
		{"BOM inside a quoted heading", "\"\uFEFFName\",\"Join-Time\",\"Time in Session (hh:mm)\"\nAnn,2026-03-10 15:00:00,0:30\n",
			time.Date(2026, 3, 10, 15, 0, 0, 0, est)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := ParseReport(strings.NewReader(tt.in), est)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || rows[0].Name != "Ann" || !rows[0].JoinTime.Equal(tt.join) || span(rows[0]) != 30*time.Minute {
				t.Errorf("rows %+v, want Ann joining at %v for 30 minutes", rows, tt.join)
			}
		})
	}
}

func TestParseReportRefusesWorkbook(t *testing.T) {
	_, _, err := ParseReport(strings.NewReader("PK\x03\x04xl/workbook.xml"), time.UTC)
	if core.ErrorCode(err) != core.EINVALID || !strings.Contains(err.Error(), "Excel workbook") || !strings.Contains(err.Error(), reportAdvice) {
		t.Errorf("error %v", err)
	}
}
