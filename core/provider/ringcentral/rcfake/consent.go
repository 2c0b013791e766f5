package rcfake

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// Consent is a browser without JavaScript for tests: it opens the
// emulator's authorize page, answers its form with decision ("allow" or
// "deny"), and follows the redirect to the app's loopback callback in the
// background, as a browser tab would.
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
		form := url.Values{}
		for _, m := range hiddenInput.FindAllStringSubmatch(string(body), -1) {
			form.Set(m[1], strings.ReplaceAll(m[2], "&#43;", "+"))
		}
		form.Set("decision", decision)
		u, err := url.Parse(raw)
		if err != nil {
			return err
		}
		resp, err = hc.PostForm(u.Scheme+"://"+u.Host+"/restapi/oauth/authorize", form)
		if err != nil {
			return err
		}
		resp.Body.Close()
		go func() {
			if r, err := http.Get(resp.Header.Get("Location")); err == nil {
				r.Body.Close()
			}
		}()
		return nil
	}
}

// RevokeAll ends every session, as if the user removed the app.
func (s *Server) RevokeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
	clear(s.oauth.refresh)
}
