package mailoauthfake

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var (
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)
	firstUser   = regexp.MustCompile(`<option value="([^"]+)">`)
	formAction  = regexp.MustCompile(`<form method="post" action="([^"]+)">`)
)

// Consent is a browser without JavaScript for tests: it opens the
// authorize page, answers its form with decision ("allow" or "deny") for
// the first mailbox offered, and follows the redirect to the app's
// loopback callback in the background, as a browser tab would.
func Consent(decision string) func(authorizeURL string) error {
	return func(raw string) error {
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := hc.Get(raw)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if loc := resp.Header.Get("Location"); loc != "" { // refused at once: back to the app
			go follow(loc)
			return nil
		}
		page := string(body)
		form := url.Values{}
		for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
			form.Set(m[1], unescape(m[2]))
		}
		if m := firstUser.FindStringSubmatch(page); m != nil {
			form.Set("user", unescape(m[1]))
		}
		form.Set("decision", decision)
		u, err := url.Parse(raw)
		if err != nil {
			return err
		}
		action := u.Path
		if m := formAction.FindStringSubmatch(page); m != nil {
			action = unescape(m[1])
		}
		resp, err = hc.PostForm(u.Scheme+"://"+u.Host+action, form)
		if err != nil {
			return err
		}
		resp.Body.Close()
		go follow(resp.Header.Get("Location"))
		return nil
	}
}

// follow loads the app's callback, as the browser tab would.
func follow(loc string) {
	if r, err := http.Get(loc); err == nil {
		r.Body.Close()
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&#43;", "+", "&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}
