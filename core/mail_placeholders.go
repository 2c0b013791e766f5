package core

import (
	"regexp"
	"slices"
	"strings"
	"text/template/parse"
)

// Reminder templates as staff write them: plain text with named
// placeholders such as {First name} and {Join link}. The mailer renders Go
// templates, so placeholders are translated to template code here, and
// templates stored as code by earlier versions are translated back for
// editing. Both directions are pure functions.
//
// The one rule staff need: a line that holds an optional placeholder
// ({Passcode}, {Event description}, …) is left out of the email when the
// event has nothing to put there.

// Placeholder is one named value a reminder can show.
type Placeholder struct {
	Name string // as staff type it, without braces: "First name"
	// Field is the Go template expression the mailer fills in.
	Field string
	// Optional placeholders may be empty; a line holding one is left out
	// when it is.
	Optional bool
	// HTMLOnly placeholders make sense only in the HTML version.
	HTMLOnly bool
	Help     string // what it shows, for the editor
}

// ReminderPlaceholders are the placeholders a reminder can use, in the
// order the editor lists them.
var ReminderPlaceholders = []Placeholder{
	{Name: "First name", Field: ".FirstName", Help: "the registrant's first name (their full name when it is missing)"},
	{Name: "Last name", Field: ".Registrant.LastName", Help: "the registrant's last name"},
	{Name: "Name", Field: ".Name", Help: "the registrant's full name"},
	{Name: "Email", Field: ".Registrant.Email", Help: "the registrant's email address"},
	{Name: "Event title", Field: ".Event.Title", Help: "the event's title"},
	{Name: "Start time", Field: ".When", Help: "when the event starts, in the office's time zone"},
	{Name: "Start time in event's zone", Field: ".EventWhen", Optional: true,
		Help: "the start in the event's own time zone, when it differs from the office's"},
	{Name: "Join link", Field: ".Link", Help: "the registrant's join link"},
	{Name: "Passcode", Field: ".Password", Optional: true, Help: "the meeting passcode"},
	{Name: "Event description", Field: ".Event.Description", Optional: true, Help: "the event's description"},
	{Name: "Office name", Field: ".Office.Name", Help: "your office's name"},
	{Name: "Reply-to address", Field: ".ReplyTo", Optional: true, Help: "where replies go"},
	{Name: "Header colour", Field: ".Office.HeaderColor", HTMLOnly: true, Help: "your office's header colour"},
	{Name: "Logo", Field: ".Office.LogoSrc", Optional: true, HTMLOnly: true, Help: "your office's logo, as an image address"},
}

// placeholderRE finds what looks like a placeholder: a name in braces.
// CSS such as "{ color: red }" does not match (it starts with a space and
// holds a colon).
var placeholderRE = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9 '’-]*)\}`)

// IsTemplateCode reports whether a template is written as Go template code
// (by an earlier version of Turnout or by hand) instead of placeholders.
func IsTemplateCode(src string) bool { return strings.Contains(src, "{{") }

// LookupPlaceholder finds a placeholder by name, in any case and spacing.
func LookupPlaceholder(name string) (Placeholder, bool) {
	name = strings.ReplaceAll(strings.Join(strings.Fields(name), " "), "’", "'")
	for _, p := range ReminderPlaceholders {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Placeholder{}, false
}

func placeholderByField(field string) (Placeholder, bool) {
	for _, p := range ReminderPlaceholders {
		if p.Field == field {
			return p, true
		}
	}
	return Placeholder{}, false
}

// UnknownPlaceholders lists, once each and in order, the names in braces
// that are not placeholders ("{Frist name}").
func UnknownPlaceholders(src string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(src, -1) {
		if _, ok := LookupPlaceholder(m[1]); !ok && !slices.Contains(out, m[0]) {
			out = append(out, m[0])
		}
	}
	return out
}

// TemplateFromPlaceholders translates a template written with placeholders
// into the Go template the mailer renders. part names it in messages
// ("subject"). Template code passes through unchanged.
func TemplateFromPlaceholders(part, src string) (string, error) {
	if IsTemplateCode(src) {
		return src, nil
	}
	if bad := UnknownPlaceholders(src); len(bad) > 0 {
		noun := "an unknown placeholder"
		if len(bad) > 1 {
			noun = "unknown placeholders"
		}
		return "", Errorf(EINVALID, "The %s has %s: %s. Check the spelling against the list above, for example {First name} or {Join link}.",
			part, noun, strings.Join(bad, ", "))
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(src, "\n") {
		var conds []string
		out := placeholderRE.ReplaceAllStringFunc(line, func(m string) string {
			p, _ := LookupPlaceholder(m[1 : len(m)-1])
			if p.Optional && !slices.Contains(conds, p.Field) {
				conds = append(conds, p.Field)
			}
			return "{{" + p.Field + "}}"
		})
		switch len(conds) {
		case 0:
			b.WriteString(out)
		case 1:
			b.WriteString("{{if " + conds[0] + "}}" + out + "{{end}}")
		default:
			b.WriteString("{{if and " + strings.Join(conds, " ") + "}}" + out + "{{end}}")
		}
	}
	return b.String(), nil
}

// PlaceholdersFromTemplate translates Go template code (the stored form of
// earlier versions, and Turnout's own default) into placeholders, so staff
// edit named placeholders only. It handles what Turnout's templates use:
// fields and "if" around the lines of an optional field. ok is false when
// the code does more; it then keeps working as it is. In HTML, a line
// break may be added around an "if" that sat inside a line.
func PlaceholdersFromTemplate(src string, html bool) (out string, ok bool) {
	if !IsTemplateCode(src) {
		return src, true
	}
	tree, err := parse.Parse("t", src, "", "")
	if err != nil || tree["t"] == nil || tree["t"].Root == nil {
		return src, false
	}
	var pieces []piece
	for _, n := range tree["t"].Root.Nodes {
		p, ok := convertNode(n)
		if !ok {
			return src, false
		}
		pieces = append(pieces, p...)
	}
	var b strings.Builder
	for i, p := range pieces {
		if p.cond == "" {
			b.WriteString(p.text)
			continue
		}
		before := b.String()
		after := ""
		if i+1 < len(pieces) {
			after = pieces[i+1].text
		}
		body := p.text
		startsLine := before == "" || strings.HasSuffix(before, "\n") || strings.HasPrefix(body, "\n")
		endsLine := strings.HasSuffix(body, "\n") || strings.HasPrefix(after, "\n") || i+1 == len(pieces)
		if !startsLine || !endsLine {
			if !html {
				return src, false
			}
			if !startsLine {
				body = "\n" + body
			}
			if !endsLine {
				body += "\n"
			}
		}
		for _, line := range strings.Split(strings.Trim(body, "\n"), "\n") {
			if strings.TrimSpace(line) != "" && !strings.Contains(line, "{"+p.cond+"}") {
				return src, false // the "if" covers a line the field is not on
			}
		}
		b.WriteString(body)
	}
	return b.String(), true
}

// piece is converted text; cond names the optional placeholder whose
// "if" held it.
type piece struct{ text, cond string }

func convertNode(n parse.Node) ([]piece, bool) {
	switch n := n.(type) {
	case *parse.TextNode:
		if placeholderRE.Match(n.Text) {
			return nil, false // literal braces would turn into placeholders
		}
		return []piece{{text: string(n.Text)}}, true
	case *parse.ActionNode:
		p, ok := pipeField(n.Pipe)
		if !ok {
			return nil, false
		}
		return []piece{{text: "{" + p.Name + "}"}}, true
	case *parse.IfNode:
		p, ok := pipeField(n.Pipe)
		if !ok || !p.Optional || n.ElseList != nil {
			return nil, false
		}
		var body strings.Builder
		for _, c := range n.List.Nodes {
			sub, ok := convertNode(c)
			if !ok || len(sub) != 1 || sub[0].cond != "" {
				return nil, false // nested "if"
			}
			body.WriteString(sub[0].text)
		}
		return []piece{{text: body.String(), cond: p.Name}}, true
	}
	return nil, false
}

// pipeField is the placeholder of a pipeline that is one known field.
func pipeField(pipe *parse.PipeNode) (Placeholder, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return Placeholder{}, false
	}
	f, ok := pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok {
		return Placeholder{}, false
	}
	return placeholderByField("." + strings.Join(f.Ident, "."))
}

// CollapseBlankLines keeps at most one blank line in a row: leaving out
// the line of an empty placeholder must not leave a gap in plain text.
func CollapseBlankLines(s string) string {
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}
