package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// TestPauseAndImportFromAnAccountRow uses the demo's Sandbox account.
func TestPauseAndImportFromAnAccountRow(t *testing.T) {
	u, eng, sandbox := newDemoUI(t)
	sandbox.Server.AddMeeting(zoomfake.Meeting{ID: 81234567890, Kind: core.KindWebinar, Topic: "Planned giving 101",
		Start: testNow.Add(96 * time.Hour), TimeZone: "America/New_York", Duration: time.Hour})
	ctx := context.Background()
	u.ShowSettings()
	u.wait()
	accounts, _ := eng.Accounts(ctx)
	id := accounts[0].ID
	row := u.settings.accounts.rows[id]

	test.Tap(row.importBtn)
	u.wait()
	if text := dialogText(t, u); !strings.Contains(text, "1 event imported") {
		t.Fatalf("import said:\n%s", text)
	}
	if list, _ := eng.ListEvents(ctx, "Planned giving"); len(list) != 1 || list[0].Location.AccountID != id {
		t.Fatalf("imported events = %+v", list)
	}

	test.Tap(row.pauseBtn)
	u.wait()
	if a, _ := eng.FindAccount(ctx, accounts[0].Name); a.Active {
		t.Fatal("Pause left the account active")
	}
	if r := u.settings.accounts.rows[id]; r.pauseBtn.Text != "Resume" {
		t.Fatalf("paused account offers %q", r.pauseBtn.Text)
	}
}
