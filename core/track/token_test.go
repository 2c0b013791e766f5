package track

import (
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func testSigner(t testing.TB) *Signer {
	s, err := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTokenRoundTrip(t *testing.T) {
	s := testSigner(t)
	for _, ids := range [][2]core.ID{{1, 1}, {7, 123456}, {1 << 40, 1<<63 + 5}} {
		tok := s.Token(ids[0], ids[1])
		ev, reg, err := s.Parse(tok)
		if err != nil || ev != ids[0] || reg != ids[1] {
			t.Errorf("Parse(Token(%v)) = %d, %d, %v", ids, ev, reg, err)
		}
	}
}

func TestTamperedTokensAreRefused(t *testing.T) {
	s := testSigner(t)
	other, _ := NewSigner([]byte("another secret of thirty-two b.."))
	good := s.Token(3, 42)
	cases := map[string]string{
		"empty":                  "",
		"truncated by one":       good[:len(good)-1],
		"truncated by half":      good[:len(good)/2],
		"extended":               good + "A",
		"padded":                 good + "=",
		"other secret":           other.Token(3, 42),
		"re-targeted registrant": retarget(s, good, 3, 43),
		"re-targeted event":      retarget(s, good, 4, 42),
		"flipped last char":      good[:len(good)-1] + flip(good[len(good)-1]),
		"standard base64":        strings.NewReplacer("-", "+", "_", "/").Replace(good) + "+",
		"long garbage":           strings.Repeat("A", 500),
	}
	for name, tok := range cases {
		if ev, reg, err := s.Parse(tok); err == nil {
			t.Errorf("%s: token %q accepted as (%d, %d)", name, tok, ev, reg)
		}
	}
}

// retarget keeps the MAC of a good token but names other IDs.
func retarget(s *Signer, good string, ev, reg core.ID) string {
	mac := s.Token(3, 42)
	target := s.Token(ev, reg)
	// The MAC is the last 43 characters' worth: splice the original's
	// MAC bytes onto the new IDs.
	_ = mac
	raw1, _ := decode(good)
	raw2, _ := decode(target)
	ids := raw2[:len(raw2)-macSize]
	return encode(append(append([]byte{}, ids...), raw1[len(raw1)-macSize:]...))
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func FuzzParse(f *testing.F) {
	s := testSigner(f)
	f.Add(s.Token(1, 1))
	f.Add(s.Token(99, 123456789))
	f.Add("")
	f.Add("AAAA")
	f.Add(strings.Repeat("_", 60))
	f.Fuzz(func(t *testing.T, tok string) {
		ev, reg, err := s.Parse(tok)
		if err != nil {
			return
		}
		// Anything accepted must be exactly the token of the IDs it names.
		if s.Token(ev, reg) != tok {
			t.Fatalf("Parse accepted %q for (%d, %d), whose token is %q", tok, ev, reg, s.Token(ev, reg))
		}
	})
}
