package mail

import (
	"bytes"
	"encoding/base64"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"
)

// The encoders of a merged message: each writes a part or a header the
// way go-simple-mail v2 (message.go, header.go) writes it, with the
// standard library's encoders, so the merged message reads the same.

// maxEncodedLine is go-simple-mail's line length for base64 bodies and
// folded headers.
const maxEncodedLine = 76

// cidRefs lists the names in `src="cid:NAME"` and `href="cid:NAME"`, in the
// order go-simple-mail's replaceCIDs finds them with its regexp
// (src|href)="cid:(.*?)" (a name ends at the first quote and holds no
// line break; matches do not overlap).
func cidRefs(s string) []string {
	const mark = `="cid:`
	var refs []string
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], mark)
		if j < 0 {
			break
		}
		j += i
		i = j + 1
		if !strings.HasSuffix(s[:j], "src") && !strings.HasSuffix(s[:j], "href") {
			continue
		}
		rest := s[j+len(mark):]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			break // no closing quote: no later match either
		}
		if strings.IndexByte(rest[:end], '\n') >= 0 {
			continue
		}
		refs = append(refs, rest[:end])
		i = j + len(mark) + end + 1
	}
	return refs
}

// withCIDs replaces the references as replaceCIDs does: for every match in
// order, every "cid:NAME" becomes "cid:" and the name's generated id.
func withCIDs(s string, refs []string, cids map[string]string) string {
	for _, name := range refs {
		s = strings.ReplaceAll(s, "cid:"+name, "cid:"+cids[name])
	}
	return s
}

// writeQP writes body quoted-printable, as go-simple-mail's qpEncode.
func writeQP(b *strings.Builder, body string) {
	w := quotedprintable.NewWriter(b)
	_, _ = w.Write([]byte(body))
	_ = w.Close()
}

// base64Lines is data in base64 cut into lines of maxEncodedLine, with no
// line break after the last, as go-simple-mail's base64Encode.
func base64Lines(data []byte) string {
	enc := base64.StdEncoding
	raw := make([]byte, enc.EncodedLen(len(data)))
	enc.Encode(raw, data)
	var b bytes.Buffer
	b.Grow(len(raw) + len(raw)/maxEncodedLine*2)
	for len(raw) > maxEncodedLine {
		b.Write(raw[:maxEncodedLine])
		b.WriteString("\r\n")
		raw = raw[maxEncodedLine:]
	}
	b.Write(raw)
	return b.String()
}

// secureHeader is go-simple-mail's guard against header injection: the
// value trimmed, without CR, LF or tab.
func secureHeader(v string) string {
	v = strings.TrimSpace(v)
	if strings.ContainsAny(v, "\r\n\t") {
		v = strings.NewReplacer("\r", "", "\n", "", "\t", "").Replace(v)
	}
	return v
}

// headerValue is a header's value as go-simple-mail encodes it: as it is
// when all printable ASCII, else RFC 2047 Q-encoded words (the standard
// library's encoder).
func headerValue(v string) string {
	v = secureHeader(v)
	for i := 0; i < len(v); i++ {
		if v[i] < ' ' || v[i] > '~' {
			return mime.QEncoding.Encode("UTF-8", v)
		}
	}
	return v
}

// writeField writes "Name: value" and its line end, folding the value at
// spaces to keep lines within maxEncodedLine where it can. It folds only at
// a single space between two other characters, so a reader unfolding the
// line gets the value back exactly.
func writeField(b *strings.Builder, name, v string) {
	b.WriteString(name)
	b.WriteString(": ")
	col := len(name) + 2
	for col+len(v) > maxEncodedLine {
		cut := -1
		for i := 1; i < len(v)-1; i++ {
			if v[i] != ' ' || v[i-1] == ' ' || v[i+1] == ' ' {
				continue
			}
			if col+i > maxEncodedLine && cut > 0 {
				break
			}
			cut = i
			if col+i > maxEncodedLine {
				break
			}
		}
		if cut < 0 {
			break
		}
		b.WriteString(v[:cut])
		b.WriteString("\r\n")
		v, col = v[cut:], 0
	}
	b.WriteString(v)
	b.WriteString("\r\n")
}

// dateValue is the Date header Build gets from go-simple-mail for now.
func dateValue(now time.Time) (string, bool) {
	dt, err := time.Parse(dateLayout, now.Format(dateLayout))
	if err != nil {
		return "", false
	}
	return dt.Format(time.RFC1123Z), true
}
