package mail

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
)

var mergeSettings = core.MailSettings{From: "office@example.org", FromName: "Riverside Alumni Office", ReplyTo: "events@example.org"}

// reminderMessage is a reminder as the engine composes it: text, HTML
// showing the inline logo, and the calendar file.
func reminderMessage(t testing.TB) core.MailMessage {
	in := sampleInput()
	in.Office.Logo = coretest.LogoPNG(t)
	m, err := Compose(DefaultReminder(), in)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var (
	mergeNames = []string{"Ann Lee", "José Müller-Lüdenscheidt", `Ann "Nan" O'Brien`, "Lee, Ann", "Zoë 🎉 Party",
		strings.Repeat("Bartholomew Fitzgerald ", 8) + "Junior", strings.Repeat("Łukasz Żółć-Ünïcødé ", 9) + "Ende",
		"", `Back\slash`, "Tab\tName", "日本 太郎", "=?utf-8?q?fake?=", "x", "ann@example.org", "Bad \xff byte",
		"Semi; colon <angle> (paren) [bracket]", strings.Repeat("é", 80)}
	mergeSubjects = []string{"", "Reminder: Café ☕ at 10", "Reminder: " + strings.Repeat("Grüße aus Köln und Zürich — ", 8),
		"Reminder: " + strings.Repeat("long ascii words ", 12), "  leading and trailing  ", "Line\nbreak\r\nand\ttab",
		"100% = sure? _under_ =?utf-8?q?x?=", strings.Repeat("ü", 100), "Plain subject", "Bad \xfe byte"}
	mergeLinks = []string{"https://example.org/j/" + strings.Repeat("a1b2c3", 30) + "?t=x=y&z=%20",
		"https://meet.example.org/spring"}
)

// mergeText builds a plain text with what trips quoted-printable and
// SMTP up: long lines, '=' and '.' at line starts, CRLF and LF, trailing
// spaces, non-ASCII.
func mergeText(r *rand.Rand, name string) string {
	lines := []string{"Hello " + name + ",", "", strings.Repeat("A line well over seventy-six characters wide, ", 1+r.IntN(4)),
		"=start with equals", ".", "..", ".dot start", "trailing space ", "tab\tinside\t", "Grüße — ünïcødé ✓ 🎉",
		"Join: " + mergeLinks[r.IntN(len(mergeLinks))], "From the office", "a=b==c", strings.Repeat("=", 90)}
	r.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	eol := "\n"
	if r.IntN(2) == 0 {
		eol = "\r\n"
	}
	return strings.Join(lines[:3+r.IntN(len(lines)-3)], eol) + eol
}

// mergeHTML shows two inline images, one of them twice, and a link.
func mergeHTML(r *rand.Rand, name string) string {
	return `<html><body><p><img src="cid:logo.png" alt="logo"></p>` + "\n" +
		`<h1 style="color:#8A1538">Hello ` + name + `</h1>` + strings.Repeat("<p>Long paragraph = with équals and “quotes” </p>", 1+r.IntN(5)) +
		"\n.\n" + `<a href="` + mergeLinks[r.IntN(len(mergeLinks))] + `">Join</a>` +
		`<img src="cid:banner.png"><footer><img src="cid:logo.png" width="40"></footer></body></html>` + "\r\n"
}

// inlineShape is a message with several cid references and two inline
// images, besides the calendar file.
func inlineShape(t testing.TB) core.MailMessage {
	r := rand.New(rand.NewPCG(7, 7))
	return core.MailMessage{From: "office@example.org", To: "ann@example.org", ToName: "Ann Lee", Subject: "Plain subject",
		Text: mergeText(r, "Ann"), HTML: mergeHTML(r, "Ann"), Attachments: []core.MailAttachment{
			{Name: "logo.png", MimeType: "image/png", Data: coretest.LogoPNG(t), Inline: true},
			{Name: "banner.png", MimeType: "image/png", Data: bytes.Repeat([]byte("banner"), 200), Inline: true},
			{Name: "invite.ics", MimeType: "text/calendar; charset=utf-8; method=PUBLISH", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")},
		}}
}

// Every merged message reads exactly as go-simple-mail's rendering of it:
// the same headers, MIME tree, part headers and bodies.
func TestMergeReadsAsGoSimpleMail(t *testing.T) {
	textOnly := core.MailMessage{From: "office@example.org", To: "ann@example.org", Subject: "Test", Text: "Hello"}
	for _, base := range []core.MailMessage{reminderMessage(t), inlineShape(t), textOnly} {
		g := NewMerger(mergeSettings)
		if _, err := g.Render(base); err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		for i := range 300 {
			m := base
			m.To = fmt.Sprintf("person%04d@example.org", i)
			m.ToName = mergeNames[i%len(mergeNames)]
			if i%3 > 0 {
				m.Subject = mergeSubjects[r.IntN(len(mergeSubjects))]
			}
			m.Text = mergeText(r, m.ToName)
			if strings.Contains(base.HTML, "banner") {
				m.HTML = mergeHTML(r, m.ToName)
			} else {
				m.HTML = strings.Replace(base.HTML, "Ann Lee", m.ToName, 1)
			}
			m.MessageID = NewMessageID(m.From)
			m.Attachments = append([]core.MailAttachment(nil), base.Attachments...)
			if ics := len(m.Attachments) - 1; ics >= 0 && i%2 == 0 {
				data := fmt.Appendf(nil, "BEGIN:VCALENDAR\r\nUID:%d-%s\r\nEND:VCALENDAR\r\n", i, strings.Repeat("x", r.IntN(300)))
				m.Attachments[ics].Data = data
			}
			merged := g.merged
			got, err := g.Render(m)
			if err != nil {
				t.Fatal(err)
			}
			if g.merged != merged+1 {
				t.Fatalf("message %d (%q, %q) was not merged", i, m.ToName, m.Subject)
			}
			want, err := Render(m, mergeSettings)
			if err != nil {
				t.Fatal(err)
			}
			if got.From != want.From || strings.Join(got.To, ",") != strings.Join(want.To, ",") {
				t.Fatalf("envelope %s → %v; go-simple-mail %s → %v", got.From, got.To, want.From, want.To)
			}
			sameMessage(t, fmt.Sprintf("message %d (%q)", i, m.ToName), want.Data, got.Data)
		}
	}
}

// A line holding only "." in the text survives SMTP's dot-stuffing: the
// message read back from the DATA stream is the message sent.
func TestMergedDotLinesSurviveDATA(t *testing.T) {
	m := reminderMessage(t)
	g := NewMerger(mergeSettings)
	if _, err := g.Render(m); err != nil {
		t.Fatal(err)
	}
	m.To, m.Text = "bo@example.org", "First\n.\nSecond\r\n..\r\n.\r\n.end\n."
	got, err := g.Render(m)
	if err != nil || g.merged != 1 {
		t.Fatalf("not merged: %v", err)
	}
	var wire bytes.Buffer
	bw := bufio.NewWriter(&wire)
	dw := textproto.NewWriter(bw).DotWriter()
	if _, err := io.WriteString(dw, got.Data); err != nil {
		t.Fatal(err)
	}
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
	bw.Flush()
	if end := strings.Index(wire.String(), "\r\n.\r\n"); end != wire.Len()-5 {
		t.Fatalf("the DATA stream ends at %d of %d", end, wire.Len())
	}
	back, err := io.ReadAll(textproto.NewReader(bufio.NewReader(&wire)).DotReader())
	if err != nil {
		t.Fatal(err)
	}
	text := readParts(t, "read back", string(back))[0].body
	if want := "First\n.\nSecond\n..\n.\n.end\n."; string(text) != want { // line ends as quotedprintable reads them
		t.Fatalf("text read back %q; want %q", text, want)
	}
}

// A message of another shape, or one the form cannot carry, is rendered
// by go-simple-mail.
func TestMergeRendersOtherShapesWithGoSimpleMail(t *testing.T) {
	base := inlineShape(t)
	g := NewMerger(mergeSettings)
	render := func(name string, m core.MailMessage, wantMerged bool) {
		t.Helper()
		merged, rendered := g.merged, g.rendered
		m.MessageID = NewMessageID(m.From)
		got, err := g.Render(m)
		if err != nil {
			t.Fatal(err)
		}
		if wantMerged && g.merged != merged+1 || !wantMerged && g.rendered != rendered+1 {
			t.Fatalf("%s: merged %d→%d, rendered %d→%d", name, merged, g.merged, rendered, g.rendered)
		}
		want, err := Render(m, mergeSettings)
		if err != nil {
			t.Fatal(err)
		}
		sameMessage(t, name, want.Data, got.Data)
	}
	render("first", base, false)
	render("same shape", base, true)
	noICS := base
	noICS.Attachments = base.Attachments[:2]
	render("no calendar file", noICS, false)
	renamed := base
	renamed.Attachments = append([]core.MailAttachment(nil), base.Attachments...)
	renamed.Attachments[2].Name = "event.ics"
	render("renamed attachment", renamed, false)
	attached := base
	attached.Attachments = append([]core.MailAttachment(nil), base.Attachments...)
	attached.Attachments[1].Inline = false
	render("banner attached, not inline", attached, false)
	replyTo := base
	replyTo.ReplyTo = "someone@example.org"
	render("other Reply-To", replyTo, false)
	from := base
	from.From = "other@example.org"
	render("other From", from, false)
	textOnly := base
	textOnly.HTML = ""
	render("no HTML", textOnly, false)
	reordered := base
	reordered.HTML = strings.Replace(base.HTML, `<img src="cid:logo.png" alt="logo">`, "", 1)
	render("cid references in another order", reordered, false)
	f := g.forms[shapeOf(base, mergeSettings).key]
	boundary := base
	boundary.Text = "quote: --" + f.boundaries[len(f.boundaries)-1] + "\n"
	render("text holding a boundary", boundary, false)
	render("same shape again", base, true)
	if g.rendered != 9 {
		t.Fatalf("%d rendered by go-simple-mail; want 9", g.rendered)
	}
}

// cidRefs finds what go-simple-mail's regexp finds.
func TestCIDRefsAsGoSimpleMailsRegexp(t *testing.T) {
	re := regexp.MustCompile(`(src|href)="cid:(.*?)"`)
	tokens := []string{"src", "href", `="cid:`, `"`, "\n", "a", " ", "=", "cid:", "s", "rc", "\xff", "é"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(14) {
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		s := b.String()
		var want []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			want = append(want, m[2])
		}
		if got := cidRefs(s); fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
			t.Fatalf("cidRefs(%q) = %q; the regexp finds %q", s, got, want)
		}
	}
}

// sameMessage fails unless got reads as want: every header decoded, the
// MIME tree, each part's headers and decoded body.
func sameMessage(t *testing.T, name, want, got string) {
	t.Helper()
	wm, err := mail.ReadMessage(strings.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	gm, err := mail.ReadMessage(strings.NewReader(got))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(wm.Header) != len(gm.Header) {
		t.Fatalf("%s: headers %v; go-simple-mail %v", name, keys(gm.Header), keys(wm.Header))
	}
	dec := new(mime.WordDecoder)
	for k := range wm.Header {
		w, g := wm.Header.Get(k), gm.Header.Get(k)
		switch k {
		case "Date":
			wd, err1 := mail.ParseDate(w)
			gd, err2 := mail.ParseDate(g)
			if err1 != nil || err2 != nil || gd.Sub(wd).Abs() > 5*time.Second || gd.Format("-0700") != wd.Format("-0700") {
				t.Fatalf("%s: Date %q; go-simple-mail %q", name, g, w)
			}
			continue
		case "Content-Type":
			w, g = withoutBoundary(t, w), withoutBoundary(t, g)
		}
		wd, err1 := dec.DecodeHeader(w)
		gd, err2 := dec.DecodeHeader(g)
		if err1 != nil || err2 != nil || wd != gd {
			t.Fatalf("%s: %s %q (%q); go-simple-mail %q (%q)", name, k, gd, g, wd, w)
		}
	}
	wp, gp := readParts(t, name, want), readParts(t, name, got)
	if len(wp) != len(gp) {
		t.Fatalf("%s: %d parts; go-simple-mail %d", name, len(gp), len(wp))
	}
	for i := range wp {
		if wp[i].head != gp[i].head {
			t.Fatalf("%s: part %d %s; go-simple-mail %s", name, i, gp[i].head, wp[i].head)
		}
		if !bytes.Equal(wp[i].body, gp[i].body) {
			t.Fatalf("%s: part %d (%s) body\n%q\ngo-simple-mail\n%q", name, i, wp[i].head, gp[i].body, wp[i].body)
		}
	}
}

type readPart struct {
	head string // path, type, encoding, disposition, file name, cid
	body []byte // decoded, generated cids numbered
}

// generatedCID is the Content-ID go-simple-mail makes, its time replaced
// by the number it stands for, so that two renderings compare.
var generatedCID = regexp.MustCompile(`\d{8}\.\d{6}\.(\d+)@mail\.0`)

// readParts reads the MIME tree of a message into its leaves, and checks
// that the HTML refers to each inline part by its Content-ID.
func readParts(t *testing.T, name, data string) []readPart {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var parts []readPart
	var html string
	var cids []string
	var walk func(path string, h textproto.MIMEHeader, body io.Reader)
	walk = func(path string, h textproto.MIMEHeader, body io.Reader) {
		mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
		if err != nil {
			t.Fatalf("%s: part %s: %v", name, path, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for i := 0; ; i++ {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: part %s.%d: %v", name, path, i, err)
				}
				walk(fmt.Sprintf("%s.%d", path, i), p.Header, p)
			}
			return
		}
		raw, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		var decoded []byte
		switch cte := h.Get("Content-Transfer-Encoding"); cte {
		case "quoted-printable":
			decoded, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		case "base64":
			decoded, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(raw)))
		default:
			t.Fatalf("%s: part %s encoded %q", name, path, cte)
		}
		if err != nil {
			t.Fatalf("%s: part %s: %v", name, path, err)
		}
		if mt == "text/html" {
			html = string(decoded)
		}
		disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
		cid := strings.Trim(h.Get("Content-Id"), "<>")
		if cid != "" {
			cids = append(cids, cid)
		}
		head := fmt.Sprintf("%s %s %v %s %s %q %q %s", path, mt, params, h.Get("Content-Transfer-Encoding"),
			disp, dparams["filename"], params["name"], generatedCID.ReplaceAllString(cid, "#$1"))
		parts = append(parts, readPart{head: head, body: generatedCID.ReplaceAll(decoded, []byte("#$1"))})
	}
	walk("0", textproto.MIMEHeader(m.Header), m.Body)
	for _, cid := range cids {
		if html != "" && !strings.Contains(html, `"cid:`+cid+`"`) {
			t.Fatalf("%s: the HTML does not show the inline part <%s>", name, cid)
		}
	}
	return parts
}

func withoutBoundary(t *testing.T, v string) string {
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		t.Fatal(err)
	}
	delete(params, "boundary")
	return mime.FormatMediaType(mt, params)
}

func keys(h mail.Header) []string {
	var ks []string
	for k := range h {
		ks = append(ks, k)
	}
	return ks
}
