package engine_test

import (
	"github.com/turnout-app/turnout/core"

	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/engine"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestExportGroups(t *testing.T) {
	eng, ev := seedAttendance(t)
	tests := []struct {
		group engine.Group
		first []string // first cells of the data rows, in order
	}{
		{engine.GroupAll, []string{"ann", "bob", "cy", "di", "ed"}},
		{engine.GroupAttended, []string{"ann", "bob", "cy"}},
		{engine.GroupAbsent, []string{"di"}},
		{engine.GroupUnmatched, []string{"Guest One", "Guest Two"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.group), func(t *testing.T) {
			var buf bytes.Buffer
			n, err := eng.Export(context.Background(), ev.ID, tt.group, core.ExportCSV, &buf, nil)
			if err != nil {
				t.Fatal(err)
			}
			rows := readCSV(t, buf.Bytes())
			if n != len(tt.first) || len(rows) != len(tt.first)+1 {
				t.Fatalf("exported %d rows (%d lines): %v", n, len(rows), rows)
			}
			for i, want := range tt.first {
				if rows[i+1][0] != want {
					t.Errorf("row %d starts %q, want %q", i+1, rows[i+1][0], want)
				}
			}
		})
	}
}

func TestExportShowsOfficeTimeAndMinutes(t *testing.T) {
	eng, ev := seedAttendance(t)
	var buf bytes.Buffer
	if _, err := eng.Export(context.Background(), ev.ID, engine.GroupAttended, core.ExportCSV, &buf, nil); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	header := strings.Join(rows[0], "|")
	if !strings.Contains(header, "Minutes attended") || !strings.Contains(header, "Registered at") {
		t.Fatalf("header = %s", header)
	}
	// testNow is 15:00 UTC: 10:00 in the default office zone (New York).
	if rows[1][6] != "2026-11-20 10:00" || rows[1][11] != "50" || rows[1][10] != "Attendance report" || rows[1][12] != "Email" || rows[2][12] != "" {
		t.Fatalf("ann's row = %v", rows[1])
	}
}

func TestExportFileAppearsOnlyWhenComplete(t *testing.T) {
	eng, ev := seedAttendance(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "headcount.xlsx")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eng.ExportFile(ctx, ev.ID, engine.GroupAll, core.ExportXLSX, path, nil); err == nil {
		t.Fatal("a cancelled export succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a cancelled export left %v", entries)
	}
	n, err := eng.ExportFile(context.Background(), ev.ID, engine.GroupAll, core.ExportXLSX, path, nil)
	if err != nil || n != 5 {
		t.Fatalf("ExportFile = %d, %v", n, err)
	}
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatalf("%s is not an xlsx (zip) file", path)
	}
}

func TestBackupFileIsAConsistentPrivateCopy(t *testing.T) {
	eng, ev := seedAttendance(t)
	path := filepath.Join(t.TempDir(), "backup.db")
	if _, err := eng.BackupFile(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup mode = %v, %v; want 0600", info.Mode(), err)
	}
	copyEng, _ := openEngineAt(t, path)
	h, err := copyEng.Report(context.Background(), ev.ID)
	if err != nil || h.Registered != 5 || h.WalkIns != 2 {
		t.Fatalf("backup report = %+v, %v", h, err)
	}
}
