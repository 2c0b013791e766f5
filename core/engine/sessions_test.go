package engine_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
	"github.com/turnout-app/turnout/store"
)

// Sessions lists a RingCentral webinar's sessions from the provider,
// oldest first, a held one marked past; a turned-off account and a
// missing webinar ID are refused in office words.
func TestSessionsListsTheWebinarsSessions(t *testing.T) {
	fake := rcfake.New(rcfake.Options{HeavyLimit: 1000, Window: time.Second})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	now := time.Now().UTC().Truncate(time.Minute)
	wid, first := fake.AddWebinar("Grant Writing", now.Add(48*time.Hour), time.Hour)
	held := fake.AddSession(wid, now.Add(-72*time.Hour), time.Hour)
	later := fake.AddSession(wid, now.Add(96*time.Hour), 90*time.Minute)
	fake.AddWebinar("Someone else's webinar", now.Add(24*time.Hour), time.Hour)
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{}))
	ctx := context.Background()
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Main RC", Provider: core.ProviderRingCentral, Active: true,
		Credentials: fake.Credentials(), APIURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	list, err := eng.Sessions(ctx, acc.ID, "", wid)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, ",") != strings.Join([]string{held, first, later}, ",") {
		t.Fatalf("sessions %v, want %v oldest first", ids, []string{held, first, later})
	}
	if !list[0].Past || list[1].Past || !list[2].Start.Equal(now.Add(96*time.Hour)) || list[2].Duration != 90*time.Minute {
		t.Fatalf("sessions %+v", list)
	}
	if _, err := eng.Sessions(ctx, acc.ID, "", "  "); core.ErrorCode(err) != core.EINVALID {
		t.Fatalf("no webinar ID: %v", err)
	}
	if _, err := eng.SetAccountActive(ctx, acc.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Sessions(ctx, acc.ID, "", wid); err == nil || !strings.Contains(err.Error(), "turned off") {
		t.Fatalf("a turned-off account listed sessions: %v", err)
	}
}
