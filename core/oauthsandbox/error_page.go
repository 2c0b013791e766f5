package oauthsandbox

import (
	"html/template"
	"net/http"
)

var sandboxError = template.Must(template.New("error").Parse(
	`<!doctype html><title>Turnout Sandbox — error</title><h1>Cannot sign in</h1><p id="error">{{.}}</p>`))

// SandboxError answers an authorize request the emulator refuses with a
// 400 page saying why, as the provider's own sign-in page would.
func SandboxError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_ = sandboxError.Execute(w, msg)
}
