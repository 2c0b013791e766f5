package ui

import (
	"context"
	"net"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

// newOAuthUI opens Settings on an engine that connects Zoom accounts
// through the browser against an emulator; open plays the browser.
func newOAuthUI(t *testing.T, open func(string) error) (*App, *engine.Engine, *zoomfake.Server, string) {
	t.Helper()
	fake := zoomfake.New(zoomfake.Options{})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(coretest.NewClock(time.Now())),
		engine.WithProviders(engine.ProviderOptions{}),
		engine.WithOAuth(engine.OAuthOptions{Wait: 10 * time.Second}))
	u := newApp(a, eng.Services(), Options{OpenURL: open}, &taskQueue{})
	u.ShowSettings()
	u.wait()
	return u, eng, fake, srv.URL
}

func freeTestPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func fillConnect(t *testing.T, u *App, base, name string) *addAccountForm {
	t.Helper()
	s := u.settings.accounts
	test.Tap(s.addBtn)
	f := s.add
	if f == nil || f.kind.Selected != signInBrowser || !f.browserBox.Visible() || f.serverBox.Visible() {
		t.Fatal("Add account did not open with Connect in browser chosen")
	}
	f.name.SetText(name)
	f.entry(core.CredClientID).SetText("sandbox-client")
	f.entry(core.CredClientSecret).SetText("sandbox-secret")
	f.port.SetText(freeTestPort(t))
	f.oauthURL.SetText(base)
	f.apiURL.SetText(base + "/v2")
	return f
}

func TestSettingsConnectZoomInTheBrowser(t *testing.T) {
	u, eng, fake, base := newOAuthUI(t, zoomfake.Consent("allow"))
	s := u.settings.accounts
	if !s.empty.Visible() || len(s.rows) != 0 {
		t.Fatal("a new file shows accounts")
	}
	f := fillConnect(t, u, base, "Main Zoom")
	f.kind.SetSelected(keysChoice(f.spec))
	if !f.serverBox.Visible() || f.browserBox.Visible() {
		t.Error("choosing Server-to-Server does not show its fields")
	}
	f.kind.SetSelected(signInBrowser)
	test.Tap(f.connectBtn)
	if s.connect == nil || !s.connect.cancelBtn.Visible() {
		t.Fatal("no progress dialog with Cancel while waiting for the browser")
	}
	u.wait()
	if f.errLabel.Text != "" {
		t.Fatalf("connect failed: %s", f.errLabel.Text)
	}
	list, _ := eng.Accounts(context.Background())
	if len(list) != 1 || list[0].ConnectedAs != fake.HostEmail() {
		t.Fatalf("accounts %v", list)
	}
	r := s.rows[list[0].ID]
	if r == nil || s.empty.Visible() {
		t.Fatal("no row for the connected account")
	}
	for _, want := range []string{"Connected as " + fake.HostEmail(), "Zoom allows: meeting:read", "The sign-in renews itself", "Last worked: "} {
		if !strings.Contains(r.detail.Text, want) {
			t.Errorf("row says %q, missing %q", r.detail.Text, want)
		}
	}
	if r.reconnectBtn.Visible() || !r.disconnectBtn.Visible() {
		t.Error("a healthy account shows Reconnect or hides Disconnect")
	}

	// Disconnect (confirmed): the row offers Reconnect, which signs in again.
	test.Tap(r.disconnectBtn)
	tapDialogButton(t, u, "Disconnect")
	u.wait()
	r = s.rows[list[0].ID]
	if !r.reconnectBtn.Visible() || r.disconnectBtn.Visible() || !strings.Contains(r.detail.Text, "Not connected") {
		t.Fatalf("after disconnect: %q reconnect=%t", r.detail.Text, r.reconnectBtn.Visible())
	}
	if fake.UserOAuthStats().Revocations != 1 {
		t.Error("disconnect did not revoke")
	}
	test.Tap(r.reconnectBtn)
	u.wait()
	r = s.rows[list[0].ID]
	if r.reconnectBtn.Visible() || !strings.Contains(r.detail.Text, "Connected as") {
		t.Fatalf("after reconnect: %q", r.detail.Text)
	}
}

func TestSettingsConnectCancel(t *testing.T) {
	opened := make(chan string, 1)
	u, eng, _, base := newOAuthUI(t, func(raw string) error { opened <- raw; return nil })
	s := u.settings.accounts
	f := fillConnect(t, u, base, "Main Zoom")
	test.Tap(f.connectBtn)
	<-opened
	d := s.connect
	test.Tap(d.cancelBtn)
	u.wait()
	if s.connect != nil || f.errLabel.Text != "" {
		t.Fatalf("cancel left the dialog or an error: %q", f.errLabel.Text)
	}
	if list, _ := eng.Accounts(context.Background()); len(list) != 0 {
		t.Fatalf("cancelled sign-in saved %v", list)
	}
	if !strings.HasPrefix(d.address.Text, base+"/oauth/authorize?") {
		t.Errorf("the address to copy is %q", d.address.Text)
	}
}
