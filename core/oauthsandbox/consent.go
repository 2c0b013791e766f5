package oauthsandbox

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var (
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)
	firstOption = regexp.MustCompile(`<option value="([^"]+)">`)
	formAction  = regexp.MustCompile(`<form[^>]* method="post" action="([^"]+)">`)
)

// Consent is a browser without JavaScript for tests: it opens an emulator's
// authorize page, answers its form with decision ("allow" or "deny") for the
// first account the page offers (if it offers a choice), and follows the
// redirect to the app's loopback callback in the background, as a browser
// tab would. A page that redirects at once (a refusal) is followed as is.
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
		if loc := resp.Header.Get("Location"); loc != "" {
			go follow(loc)
			return nil
		}
		u, err := url.Parse(raw)
		if err != nil {
			return err
		}
		action, form := answer(string(body), u.Path, decision)
		resp, err = hc.PostForm(u.Scheme+"://"+u.Host+action, form)
		if err != nil {
			return err
		}
		resp.Body.Close()
		go follow(resp.Header.Get("Location"))
		return nil
	}
}

// answer is where the page's form posts (path when it names no action) and
// what it sends: its hidden fields, the first account offered, the decision.
func answer(page, path, decision string) (string, url.Values) {
	form := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], unescape(m[2]))
	}
	if m := firstOption.FindStringSubmatch(page); m != nil {
		form.Set("user", unescape(m[1]))
	}
	form.Set("decision", decision)
	if m := formAction.FindStringSubmatch(page); m != nil {
		path = unescape(m[1])
	}
	return path, form
}

// follow loads the app's callback, as the browser tab would.
func follow(loc string) {
	if r, err := http.Get(loc); err == nil {
		r.Body.Close()
	}
}

// unescape undoes html/template's escaping of attribute values.
func unescape(s string) string {
	return strings.NewReplacer("&#43;", "+", "&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}
