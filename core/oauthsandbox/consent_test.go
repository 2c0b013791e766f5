package oauthsandbox_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

func TestConsentAnswersThePageAndFollowsTheRedirectBack(t *testing.T) {
	posted := make(chan url.Values, 1)
	back := make(chan string, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth/authorize", func(w http.ResponseWriter, r *http.Request) {
		// html/template escapes + and &: the follower must send them back as they were.
		oauthsandbox.ConsentPage{Title: "t", Heading: "Allow?", Action: "/elsewhere/authorize", Hidden: [][2]string{{"state", "a+b&c"}},
			UserLabel: "Sign in as", Users: []string{"first@example.org", "second@example.org"}}.Write(w)
	})
	mux.HandleFunc("POST /elsewhere/authorize", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		posted <- r.PostForm
		http.Redirect(w, r, "http://"+r.Host+"/callback?code=xyz", http.StatusFound) // the app's loopback address
	})
	mux.HandleFunc("GET /callback", func(w http.ResponseWriter, r *http.Request) { back <- r.URL.Query().Get("code") })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	if err := oauthsandbox.Consent("deny")(srv.URL + "/oauth/authorize?client_id=x"); err != nil {
		t.Fatal(err)
	}
	got := <-posted
	if got.Get("state") != "a+b&c" || got.Get("user") != "first@example.org" || got.Get("decision") != "deny" {
		t.Fatalf("posted %v", got)
	}
	select {
	case code := <-back:
		if code != "xyz" {
			t.Fatalf("callback got code %q", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the redirect to the callback was not followed")
	}
}

func TestConsentFollowsARefusalAtOnce(t *testing.T) {
	back := make(chan bool, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth/authorize", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+r.Host+"/callback?error=access_denied", http.StatusFound)
	})
	mux.HandleFunc("POST /oauth/authorize", func(w http.ResponseWriter, r *http.Request) { t.Error("posted a form no page offered") })
	mux.HandleFunc("GET /callback", func(w http.ResponseWriter, r *http.Request) { back <- r.URL.Query().Get("error") == "access_denied" })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	if err := oauthsandbox.Consent("allow")(srv.URL + "/oauth/authorize"); err != nil {
		t.Fatal(err)
	}
	select {
	case ok := <-back:
		if !ok {
			t.Fatal("the callback did not get the refusal")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the refusal was not followed")
	}
}

func TestSandboxErrorSaysWhyWithA400(t *testing.T) {
	rec := httptest.NewRecorder()
	oauthsandbox.SandboxError(rec, "Invalid client_id: <unknown>")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `<p id="error">Invalid client_id: &lt;unknown&gt;</p>`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

func TestConsentPageOffersAChoiceOnlyWithUsersAndPressesTheAutoButton(t *testing.T) {
	rec := httptest.NewRecorder()
	oauthsandbox.ConsentPage{Title: "t", Heading: "Allow?", Action: "/oauth/authorize", Auto: "deny"}.Write(rec)
	page := rec.Body.String()
	if strings.Contains(page, "<select") || !strings.Contains(page, `getElementById("deny").click()`) ||
		!strings.Contains(page, `<button id="allow" type="submit" name="decision" value="allow">Allow</button>`) ||
		rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("%v\n%s", rec.Header(), page)
	}
}
