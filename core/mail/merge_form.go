package mail

import (
	"bufio"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// form is go-simple-mail's rendering of the first message of a shape, cut
// into what every message of the shape has in common (the header lines,
// the boundaries and the parts' headers, verbatim) and the places where
// each message has its own: the recipient, subject, Message-ID and date
// fields and the parts' bodies.
type form struct {
	from   string // the envelope sender
	pieces []piece
	size   int // of the constant pieces and the attachments

	subject      string // the first message's subject...
	subjectField string // ...and its field as go-simple-mail wrote it

	textRefs, htmlRefs []string          // cid references, in match order
	cids               map[string]string // name → the Content-ID go-simple-mail gave it
	boundaries         []string

	atts      [][]byte // the first message's attachments...
	attBodies []string // ...as go-simple-mail encoded them
}

type pieceKind uint8

const (
	constant pieceKind = iota
	toField
	subjectField
	idField
	dateField
	textBody
	htmlBody
	attachmentBody
)

type piece struct {
	kind pieceKind
	text string // of a constant
	att  int    // of an attachment body: its index in the message
}

// variableFields are the header fields each message has its own of.
var variableFields = map[string]pieceKind{"To": toField, "Subject": subjectField, "Message-Id": idField, "Date": dateField}

// newForm cuts w, go-simple-mail's rendering of m, into a form; nil when
// its layout is not what this code knows, or when the encoders here would
// not write m's parts exactly as go-simple-mail did: messages of that
// shape are then rendered one by one.
func newForm(m core.MailMessage, sh shape, w *core.WireMail) *form {
	end := strings.Index(w.Data, "\r\n\r\n")
	if end < 0 {
		return nil
	}
	f := &form{from: w.From, subject: m.Subject, textRefs: sh.textRefs, htmlRefs: sh.htmlRefs,
		atts: make([][]byte, len(m.Attachments)), attBodies: make([]string, len(m.Attachments))}
	fields := headerFields(w.Data[:end+2])
	if fields == nil {
		return nil
	}
	var contentType string
	seen := map[pieceKind]bool{}
	for _, field := range fields {
		name, value, _ := strings.Cut(field, ":")
		kind, variable := variableFields[name]
		switch {
		case variable && seen[kind]:
			return nil
		case variable:
			seen[kind] = true
			f.pieces = append(f.pieces, piece{kind: kind})
			if kind == subjectField {
				f.subjectField = field
			}
		default:
			if name == "Content-Type" {
				contentType = strings.ReplaceAll(value, "\r\n", "")
			}
			f.addConstant(field)
		}
	}
	if len(seen) != len(variableFields) {
		return nil
	}
	f.addConstant("\r\n")
	cut := &formCut{f: f, leaves: leavesOf(m)}
	if !cut.walk(w.Data[end+4:], contentType) || len(cut.raw) != len(cut.leaves) {
		return nil
	}
	if !f.findCIDs(m, cut) || !f.encodesLike(m, cut) {
		return nil
	}
	return f
}

func (f *form) addConstant(s string) {
	f.size += len(s)
	if n := len(f.pieces); n > 0 && f.pieces[n-1].kind == constant {
		f.pieces[n-1].text += s
		return
	}
	f.pieces = append(f.pieces, piece{kind: constant, text: s})
}

// headerFields splits a header block into its fields, each with its
// folded lines and line end; nil if it is not one.
func headerFields(block string) []string {
	var fields []string
	for len(block) > 0 {
		n := 0
		for {
			i := strings.Index(block[n:], "\r\n")
			if i < 0 {
				return nil
			}
			n += i + 2
			if n == len(block) || (block[n] != ' ' && block[n] != '\t') {
				break
			}
		}
		if !strings.Contains(block[:n], ":") {
			return nil
		}
		fields = append(fields, block[:n])
		block = block[n:]
	}
	return fields
}

// leavesOf lists the bodies of m in the order go-simple-mail writes them:
// the text, the HTML, the inline files, the attachments.
func leavesOf(m core.MailMessage) []piece {
	leaves := []piece{{kind: textBody}}
	if m.HTML != "" {
		leaves = append(leaves, piece{kind: htmlBody})
	}
	for _, inline := range []bool{true, false} {
		for i, a := range m.Attachments {
			if a.Inline == inline {
				leaves = append(leaves, piece{kind: attachmentBody, att: i})
			}
		}
	}
	return leaves
}

// formCut walks the MIME tree of the first message, adding its pieces to
// the form.
type formCut struct {
	f       *form
	leaves  []piece
	raw     []string               // each leaf's body as go-simple-mail encoded it
	headers []textproto.MIMEHeader // each leaf's part headers (nil: the message's)
}

func (c *formCut) walk(raw, contentType string) bool {
	return c.walkPart(raw, contentType, nil)
}

func (c *formCut) walkPart(raw, contentType string, header textproto.MIMEHeader) bool {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if !strings.HasPrefix(mt, "multipart/") {
		if len(c.raw) == len(c.leaves) {
			return false
		}
		c.f.pieces = append(c.f.pieces, c.leaves[len(c.raw)])
		c.raw = append(c.raw, raw)
		c.headers = append(c.headers, header)
		return true
	}
	bd := params["boundary"]
	first, next, last := "--"+bd+"\r\n", "\r\n--"+bd+"\r\n", "\r\n--"+bd+"--\r\n"
	if bd == "" || !strings.HasPrefix(raw, first) {
		return false
	}
	c.f.boundaries = append(c.f.boundaries, bd)
	c.f.addConstant(first)
	raw = raw[len(first):]
	for {
		h := strings.Index(raw, "\r\n\r\n")
		if h < 0 {
			return false
		}
		hdr, err := textproto.NewReader(bufio.NewReader(strings.NewReader(raw[:h+4]))).ReadMIMEHeader()
		if err != nil {
			return false
		}
		c.f.addConstant(raw[:h+4])
		raw = raw[h+4:]
		e := strings.Index(raw, "\r\n--"+bd)
		if e < 0 || !c.walkPart(raw[:e], hdr.Get("Content-Type"), hdr) {
			return false
		}
		raw = raw[e:]
		switch {
		case strings.HasPrefix(raw, next):
			c.f.addConstant(next)
			raw = raw[len(next):]
		case raw == last:
			c.f.addConstant(last)
			return true
		default:
			return false
		}
	}
}

// findCIDs learns the Content-ID go-simple-mail gave each referenced
// name: it numbers names in the order it meets them (text first), and
// the ids are in the bodies it wrote and the inline parts' headers.
func (f *form) findCIDs(m core.MailMessage, c *formCut) bool {
	byNumber := map[int]string{}
	for i, leaf := range c.leaves {
		switch leaf.kind {
		case textBody, htmlBody:
			body, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(c.raw[i])))
			if err != nil {
				return false
			}
			for _, s := range strings.Split(string(body), "cid:")[1:] {
				if at := strings.Index(s, "@mail.0"); at >= 0 {
					addGeneratedCID(byNumber, s[:at+len("@mail.0")])
				}
			}
		case attachmentBody:
			if id := c.headers[i].Get("Content-Id"); id != "" {
				addGeneratedCID(byNumber, strings.Trim(id, "<>"))
			}
		}
	}
	f.cids = map[string]string{}
	for _, name := range append(append([]string(nil), f.textRefs...), f.htmlRefs...) {
		if _, ok := f.cids[name]; ok {
			continue
		}
		cid, ok := byNumber[len(f.cids)+1]
		if !ok {
			return false
		}
		f.cids[name] = cid
	}
	return true
}

// addGeneratedCID notes id if it is one go-simple-mail makes:
// "20261202.080455.3@mail.0", the third name it met.
func addGeneratedCID(byNumber map[int]string, id string) {
	stamp, ok := strings.CutSuffix(id, "@mail.0")
	dot := strings.LastIndexByte(stamp, '.')
	if !ok || len(stamp) < len("20060102.150405.1") || dot != len("20060102.150405") {
		return
	}
	if n, err := strconv.Atoi(stamp[dot+1:]); err == nil && n > 0 {
		byNumber[n] = id
	}
}

// encodesLike says whether this code encodes m's bodies byte for byte as
// go-simple-mail did, and keeps the attachments' encodings.
func (f *form) encodesLike(m core.MailMessage, c *formCut) bool {
	for i, leaf := range c.leaves {
		var want string
		switch leaf.kind {
		case textBody, htmlBody:
			body := m.Text
			refs := f.textRefs
			if leaf.kind == htmlBody {
				body, refs = m.HTML, f.htmlRefs
			}
			var b strings.Builder
			writeQP(&b, withCIDs(body, refs, f.cids))
			want = b.String()
		case attachmentBody:
			want = base64Lines(m.Attachments[leaf.att].Data)
			f.atts[leaf.att] = m.Attachments[leaf.att].Data
			f.attBodies[leaf.att] = c.raw[i]
			f.size += len(c.raw[i])
		}
		if c.raw[i] != want {
			return false
		}
	}
	return true
}
