package export

import (
	"bytes"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestNew(t *testing.T) {
	var buf bytes.Buffer
	if _, err := New("pdf", &buf, ""); core.ErrorCode(err) != core.EINVALID {
		t.Errorf("New(pdf) error = %v, want EINVALID", err)
	}
	for _, f := range []core.ExportFormat{core.ExportCSV, core.ExportXLSX, "CSV", ".xlsx"} {
		w, err := New(f, &buf, "Sheet")
		if err != nil {
			t.Fatalf("New(%s): %v", f, err)
		}
		writeAll(t, w, [][]any{{"Email"}, {"a@example.org"}})
	}
}
