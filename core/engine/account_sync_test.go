package engine_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/providertest"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

const (
	zPastWebinar = int64(70000000001)
	zNextWebinar = int64(70000000002)
)

// Syncing an account imports its meetings and webinars, a held webinar
// half a year back included; syncing again adds nothing and brings an
// event the provider moved up to date instead of duplicating it; the
// outcome is kept on the account.
func TestSyncAccountImportsThenUpdates(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	past := time.Now().AddDate(0, -6, 0).Truncate(time.Minute).UTC()
	next := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Minute).UTC()
	f.fake.AddMeeting(zoomfake.Meeting{ID: zPastWebinar, Kind: core.KindWebinar, Topic: "Spring briefing", Start: past, Duration: time.Hour})
	f.fake.AddMeeting(zoomfake.Meeting{ID: zNextWebinar, Kind: core.KindWebinar, Topic: "Winter briefing", Start: next,
		TimeZone: "Europe/Paris", Duration: 90 * time.Minute})

	var steps [][2]int
	var mu sync.Mutex
	res, err := f.eng.SyncAccount(ctx, f.acc.ID, func(done, total int) {
		mu.Lock()
		steps = append(steps, [2]int{done, total})
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]core.Event{}
	for _, ev := range res.Added {
		got[ev.Location.ExternalID] = ev
	}
	if len(res.Added) != 3 || len(res.Updated) != 0 {
		t.Fatalf("first sync added %d, updated %d (%v), want 3 and 0", len(res.Added), len(res.Updated), res.Warnings)
	}
	if ev := got[fmt.Sprint(zPastWebinar)]; !ev.Start.Equal(past) || ev.Title != "Spring briefing" {
		t.Fatalf("the held webinar was not imported as it was: %+v", ev)
	}
	if ev := got[fmt.Sprint(zNextWebinar)]; ev.TimeZone != "Europe/Paris" || ev.Duration != 90*time.Minute || ev.Location.JoinURL == "" {
		t.Fatalf("the upcoming webinar lost its zone, length or join link: %+v", ev)
	}
	if last := steps[len(steps)-1]; last[0] != last[1] || last[1] != 4 {
		t.Fatalf("progress ended at %v, want 4 of 4", last)
	}
	if res.Account.LastSyncAt.IsZero() || res.Account.LastSyncError != "" {
		t.Fatalf("the account does not show the sync: %+v", res.Account)
	}

	again, err := f.eng.SyncAccount(ctx, f.acc.ID, nil)
	if err != nil || len(again.Added)+len(again.Updated) != 0 {
		t.Fatalf("a second sync changed %d/%d events (%v)", len(again.Added), len(again.Updated), err)
	}

	moved := next.Add(2 * time.Hour)
	f.fake.AddMeeting(zoomfake.Meeting{ID: zNextWebinar, Kind: core.KindWebinar, Topic: "Winter briefing", Start: moved,
		TimeZone: "Europe/Paris", Duration: 90 * time.Minute})
	third, err := f.eng.SyncAccount(ctx, f.acc.ID, nil)
	if err != nil || len(third.Added) != 0 || len(third.Updated) != 1 || !third.Updated[0].Start.Equal(moved) {
		t.Fatalf("after the webinar moved: %+v %v", third, err)
	}
	events, err := f.eng.ListEvents(ctx, "")
	if err != nil || len(events) != 4 {
		t.Fatalf("%d events after three syncs, want 4 (%v)", len(events), err)
	}
	if !strings.Contains(third.String(), "0 events added and 1 updated") {
		t.Fatalf("summary %q", third.String())
	}
}

// A failed sync keeps its reason on the account and the last good time.
func TestSyncAccountRecordsTheError(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	if _, err := f.eng.SyncAccount(ctx, f.acc.ID, nil); err != nil {
		t.Fatal(err)
	}
	good, _ := f.eng.FindAccount(ctx, "Main")
	broken, err := f.eng.AddAccount(ctx, core.Account{Name: "Broken", Provider: core.ProviderZoom, Active: true,
		Credentials: core.Credentials{AccountID: "x", ClientID: "wrong", ClientSecret: "wrong"}, APIURL: good.APIURL, OAuthURL: good.OAuthURL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.SyncAccount(ctx, broken.ID, nil); err == nil {
		t.Fatal("a sync with wrong keys worked")
	}
	b, _ := f.eng.FindAccount(ctx, "Broken")
	if b.LastSyncError == "" || !b.LastSyncAt.IsZero() {
		t.Fatalf("the failed sync is not on the account: %+v", b)
	}
	if strings.Contains(b.LastSyncError, "wrong") {
		t.Fatalf("the error shows a secret: %q", b.LastSyncError)
	}
}

// An inactive account is never synced: not on demand, not by the
// background loop (which syncs the active one at start-up), and no push
// of its events reaches the provider.
func TestInactiveAccountIsNeverSynced(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	if _, err := f.eng.SetAccountActive(ctx, f.acc.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.SyncAccount(ctx, f.acc.ID, nil); err == nil {
		t.Fatal("an inactive account was synced on demand")
	}
	mustAdd(t, f.eng, f.ev.ID, "waits@example.org", "W", "W")

	loop := engine.New(f.db, engine.WithProviders(engine.ProviderOptions{Poll: 10 * time.Millisecond,
		Factories: zoomFactories()}), engine.WithAccountSync(engine.AccountSyncOptions{Poll: 10 * time.Millisecond}))
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { loop.Serve(sctx); close(done) }()
	time.Sleep(300 * time.Millisecond)
	a, _ := loop.FindAccount(ctx, "Main")
	if !a.LastSyncAt.IsZero() || a.LastSyncError != "" {
		t.Fatalf("the background loop synced an inactive account: %+v", a)
	}
	if n := registrantsAt(f.fake, zMeeting); n != 0 {
		t.Fatalf("%d pushes reached the provider from an inactive account", n)
	}
	// Turned on, the loop's next round (its first sync) picks it up.
	if _, err := loop.SetAccountActive(ctx, f.acc.ID, true); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for a.LastSyncAt.IsZero() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		a, _ = loop.FindAccount(ctx, "Main")
	}
	stop()
	<-done
	if a.LastSyncAt.IsZero() {
		t.Fatalf("the turned-on account was never synced: %+v", a)
	}
}

// Test connection of all accounts turns off the one the provider refuses,
// keeps the reason, leaves the working one on and skips the inactive one.
func TestTestAllAccountsTurnsOffTheFailingOne(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	add := func(name, secret string, active bool) core.Account {
		creds := f.fake.Credentials()
		creds.ClientSecret = secret
		a, err := f.eng.AddAccount(ctx, core.Account{Name: name, Provider: core.ProviderZoom, Active: active, Credentials: creds,
			APIURL: f.acc.APIURL, OAuthURL: f.acc.OAuthURL})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	broken := add("Broken", "not-the-secret", true)
	off := add("Off", "not-the-secret-either", false)
	var last [2]int
	res, err := f.eng.TestAllAccounts(ctx, func(done, total int) { last = [2]int{done, total} })
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || last != [2]int{2, 2} {
		t.Fatalf("tested %d accounts (progress %v), want the 2 active ones", len(res), last)
	}
	for _, r := range res {
		switch r.Account.ID {
		case f.acc.ID:
			if !r.OK || !r.Account.Active || r.Account.LastOKAt.IsZero() {
				t.Fatalf("working account: %+v", r)
			}
		case broken.ID:
			if r.OK || !r.Deactivated || r.Account.Active || r.Account.LastError == "" || r.Message != r.Account.LastError {
				t.Fatalf("failing account: %+v", r)
			}
		default:
			t.Fatalf("tested account %d", r.Account.ID)
		}
	}
	o, _ := f.eng.FindAccount(ctx, "Off")
	if o.LastError != "" || !o.LastOKAt.IsZero() || o.ID != off.ID {
		t.Fatalf("the inactive account was tested: %+v", o)
	}
	words := core.AccountTests(res)
	if !strings.Contains(words, "1 of 2 accounts work") || !strings.Contains(words, "“Broken”") || !strings.Contains(words, "turned it off") {
		t.Fatalf("result words: %q", words)
	}
	if strings.Contains(words, "not-the-secret") {
		t.Fatal("the result shows a secret")
	}
}

// An account with linked events cannot be removed (turn it off instead);
// one without can.
func TestDeleteAccountRefusedWhileEventsAreLinked(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	err := f.eng.DeleteAccount(ctx, f.acc.ID)
	wantCode(t, err, core.ECONFLICT)
	if msg := core.ErrorMessage(err); !strings.Contains(msg, "1 event is linked") || !strings.Contains(msg, "Turn the account off") {
		t.Fatalf("refusal %q", msg)
	}
	spare, err := f.eng.AddAccount(ctx, core.Account{Name: "Spare", Provider: core.ProviderZoom, Active: true,
		Credentials: f.fake.Credentials(), APIURL: f.acc.APIURL, OAuthURL: f.acc.OAuthURL})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.eng.DeleteAccount(ctx, spare.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.FindAccount(ctx, "Spare"); core.ErrorCode(err) != core.ENOTFOUND {
		t.Fatalf("removed account still found: %v", err)
	}
}

// seriesProvider lists a series of three webinars (one held) and a single
// webinar.
type seriesProvider struct {
	*providertest.Provider
	list []core.ExternalMeeting
}

// Meetings lists the webinars; like some providers' listings it leaves
// out the single webinar's description, which Meeting gives.
func (p seriesProvider) Meetings(context.Context) ([]core.ExternalMeeting, error) {
	out := slices.Clone(p.list)
	for i := range out {
		if out[i].SeriesKey == "" {
			out[i].Description = ""
		}
	}
	return out, nil
}

func (p seriesProvider) Meeting(_ context.Context, _ core.MeetingKind, id string) (core.ExternalMeeting, error) {
	for _, m := range p.list {
		if m.ID == id {
			return m, nil
		}
	}
	return core.ExternalMeeting{}, &core.ProviderError{Kind: core.PErrNotFound, Provider: "ConfCall", HTTPStatus: 404}
}

// A series imports as one event per webinar by default, and as one event
// (standing for its next webinar) when the account groups series.
func TestSeriesImportsOneEachOrGrouped(t *testing.T) {
	now := time.Now().Truncate(time.Minute).UTC()
	web := func(id, series string, start time.Time) core.ExternalMeeting {
		return core.ExternalMeeting{ID: id, Topic: "Intro course", Start: start, TimeZone: "UTC", Duration: time.Hour,
			JoinURL: "https://confcall.example/r/" + id, RegistrationRequired: true, SeriesKey: series, Description: "Learn the basics."}
	}
	prov := seriesProvider{providertest.Service(), []core.ExternalMeeting{
		web("s1", "intro", now.Add(-48*time.Hour)), web("s3", "intro", now.Add(96*time.Hour)), web("s2", "intro", now.Add(48*time.Hour)),
		web("solo", "", now.Add(24*time.Hour))}}
	for _, group := range []bool{false, true} {
		db, err := store.Open(t.TempDir() + "/turnout.db")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{Factories: map[core.ProviderKind]engine.ProviderFactory{
			providertest.Kind: func(core.Account) (core.Provider, error) { return prov, nil }}}))
		ctx := context.Background()
		a, err := eng.AddAccount(ctx, core.Account{Name: "CC", Provider: providertest.Kind, Active: true,
			Credentials: core.Credentials{ClientID: "id", ClientSecret: "secret"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := eng.SetAccountGroupSeries(ctx, a.ID, group); err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second sync must not add the series again
			if _, err := eng.SyncAccount(ctx, a.ID, nil); err != nil {
				t.Fatal(err)
			}
		}
		events, _ := eng.ListEvents(ctx, "")
		var ids []string
		for _, s := range events {
			ev, _ := eng.Event(ctx, s.ID)
			ids = append(ids, ev.Location.ExternalID)
			if ev.Description != "Learn the basics." {
				t.Fatalf("description lost: %+v", ev)
			}
		}
		want := 4
		if group {
			want = 2
		}
		if len(ids) != want {
			t.Fatalf("group=%t: events %v, want %d", group, ids, want)
		}
		if group && !strings.Contains(strings.Join(ids, ","), "s2") {
			t.Fatalf("the grouped series stands for %v, want its next webinar s2", ids)
		}
	}
}

// Registering someone for a managed event queues their push at once (the
// push goes out while people register, not all at the end), and the sync
// state says how long the waiting pushes take at the provider's limit.
func TestPushIsQueuedAsPeopleRegister(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	mustAdd(t, f.eng, f.ev.ID, "early@example.org", "E", "E")
	s, err := f.eng.EventSync(ctx, f.ev.ID)
	if err != nil || s.Pending != 1 {
		t.Fatalf("after one registration: %+v %v", s, err)
	}
	s.Pending, s.PushPerMinute, s.Provider = 1000, 10, "RingCentral"
	if got := s.String(); !strings.Contains(got, "1,000 people take about 1 h 40 min at RingCentral's limit.") {
		t.Fatalf("estimate missing: %q", got)
	}
}

func zoomFactories() map[core.ProviderKind]engine.ProviderFactory {
	return map[core.ProviderKind]engine.ProviderFactory{core.ProviderZoom: func(a core.Account) (core.Provider, error) {
		return zoom.New(zoom.Config{APIURL: a.APIURL, OAuthURL: a.OAuthURL, Credentials: a.Credentials,
			HTTP: &http.Client{Timeout: 10 * time.Second}, Backoff: 5 * time.Millisecond, MaxRetries: 40}), nil
	}}
}

func registrantsAt(f *zoomfake.Server, id int64) int { return len(f.RegistrantList(id)) }

// The automatic check-in skips the events of an inactive account (no
// call, no failed run) and catches up once the account is on again.
func TestAutomaticCheckInSkipsAnInactiveAccount(t *testing.T) {
	f := newCheckInFixture(t, core.AttendanceRule{}, []string{"ann.lee@x.org"})
	ctx := context.Background()
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "i1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", f.rids["ann.lee@x.org"], 0, 55)}})
	acc, err := f.eng.FindAccount(ctx, "Sandbox")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.SetAccountActive(ctx, acc.ID, false); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(f.ev.End().Add(time.Hour))
	if n, err := f.eng.RunDueCheckIns(ctx); err != nil || n != 0 {
		t.Fatalf("an inactive account's event was checked in: %d runs, %v", n, err)
	}
	if runs, _ := f.eng.CheckInRuns(ctx, f.ev.ID); len(runs) != 0 {
		t.Fatalf("%d runs recorded for an inactive account", len(runs))
	}
	if _, err := f.eng.SetAccountActive(ctx, acc.ID, true); err != nil {
		t.Fatal(err)
	}
	if n, err := f.eng.RunDueCheckIns(ctx); err != nil || n != 1 {
		t.Fatalf("after turning it on: %d runs, %v", n, err)
	}
}
