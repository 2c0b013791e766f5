package oauthsandbox

import (
	"html/template"
	"net/http"
)

// ConsentPage is an emulator's authorize page: what it says, the form that
// carries the authorize request back with the person's decision, and, for
// the in-app Sandbox, the button it presses by itself.
type ConsentPage struct {
	Title   string      // the browser tab's title
	Heading string      // the question asked
	Note    string      // small print under the heading (that this is an emulator)
	Lines   []string    // what else the page says
	Action  string      // where the form posts
	Hidden  [][2]string // name and value of each field that carries the authorize request through the form
	// UserLabel names the account chooser, shown when Users offers a choice.
	UserLabel string
	Users     []string
	Allow     string // the buttons' words: "Allow" and "Deny" when empty
	Deny      string
	Auto      string // "allow" or "deny": the page presses that button once loaded
}

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;max-width:520px;margin:40px auto;color:#222}
.note{color:#666;font-size:13px}button{font-size:16px;padding:8px 20px;margin-right:8px}</style></head>
<body><h1>{{.Heading}}</h1>
{{if .Note}}<p class="note">{{.Note}}</p>
{{end}}{{range .Lines}}<p>{{.}}</p>
{{end}}<form id="consent" method="post" action="{{.Action}}">
{{range .Hidden}}<input type="hidden" name="{{index . 0}}" value="{{index . 1}}">
{{end}}{{if .Users}}<p><label for="user">{{.UserLabel}}</label>
<select id="user" name="user">{{range .Users}}<option value="{{.}}">{{.}}</option>{{end}}</select></p>
{{end}}<button id="allow" type="submit" name="decision" value="allow">{{or .Allow "Allow"}}</button>
<button id="deny" type="submit" name="decision" value="deny">{{or .Deny "Deny"}}</button>
</form>
{{if .Auto}}<script>window.addEventListener("load", function () { document.getElementById({{.Auto}}).click(); });</script>{{end}}
</body></html>
`))

// Write answers with the page; it is never cached, as it carries a state.
func (p ConsentPage) Write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = consentPage.Execute(w, p)
}
